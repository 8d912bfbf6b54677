using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Telemetry;

/// <summary>Config section "Telemetry": where the meters go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// An OTLP endpoint ("http://collector:4317" for gRPC, or the HTTP/protobuf one with <see cref="OtlpProtocol"/>);
    /// empty keeps the meters in the process (readable by dotnet-counters) and exports nothing.
    /// </summary>
    [RegularExpression("^(|https?://[^\\s]+)$", ErrorMessage = "Telemetry:OtlpEndpoint must be empty or an http:// or https:// URL")]
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>grpc</c> (OTLP's default) or <c>http</c> (HTTP/protobuf).</summary>
    [RegularExpression("^(grpc|http)$", ErrorMessage = "Telemetry:OtlpProtocol must be grpc or http")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often the meters are exported, in seconds.</summary>
    [Range(1, 3600)]
    public int ExportIntervalSeconds { get; set; } = 15;
}
