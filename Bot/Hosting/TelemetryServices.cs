using CompanionBot.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace CompanionBot.Hosting;

/// <summary>The "CompanionBot" meter, exported through OpenTelemetry (OTLP) when Telemetry:OtlpEndpoint is set.</summary>
public static class TelemetryServices
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(configuration, TelemetryOptions.Section);
        services.AddMetrics();
        services.AddSingleton<CompanionMetrics>();
        // Read leniently here: a bad value is reported by the settings check, one line, before anything starts.
        var section = configuration.GetSection(TelemetryOptions.Section);
        if (!Uri.TryCreate(section[nameof(TelemetryOptions.OtlpEndpoint)], UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("http" or "https"))
        {
            return services;
        }
        var protocol = section[nameof(TelemetryOptions.OtlpProtocol)] == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var interval = int.TryParse(section[nameof(TelemetryOptions.ExportIntervalSeconds)], out var seconds) && seconds > 0 ? seconds : 15;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CompanionMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = protocol;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval * 1000;
            }));
        return services;
    }
}
