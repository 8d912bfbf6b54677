using CompanionBot.Hosting;
using CompanionBot.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Support;

/// <summary>
/// The program's own composition root (<see cref="CompanionServices.AddCompanionBot"/>) for tests: the same wiring as
/// the product, with settings and a few replacements (a model, a clock, a database) laid over it.
/// </summary>
public static class TestRoot
{
    private static readonly Lazy<ServiceProvider> Shared = new(() => Build(new Dictionary<string, string?>
    {
        ["Storage:DatabasePath"] = Path.Combine(Path.GetTempPath(), "companion-test-root-unused.db"),
    }));

    /// <summary>Simulated pipelines (replay, eval, previews) as the program builds them; they never open a database.</summary>
    public static SimulationPipelines Simulations => Shared.Value.GetRequiredService<SimulationPipelines>();

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var config = new Dictionary<string, string?>
        {
            // Never a token or an endpoint from the machine running the tests.
            ["Discord:Token"] = "",
            ["Llm:Endpoint"] = "",
        };
        foreach (var (k, v) in settings) config[k] = v;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCompanionBot(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }
}
