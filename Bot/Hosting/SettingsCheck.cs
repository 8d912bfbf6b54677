using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CompanionBot.Hosting;

/// <summary>
/// Checks one options section before the host starts: first that every value set in config can be read as its
/// property's type ("abc" for a number), then the section's own validation. Each problem is one line naming the key.
/// </summary>
public interface ISettingsCheck
{
    IReadOnlyList<string> Problems(IServiceProvider services);
}

public sealed class OptionsSettingsCheck<TOptions>(string section) : ISettingsCheck where TOptions : class
{
    public IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var unreadable = SettingValues.Unreadable(typeof(TOptions), configuration.GetSection(section), section).ToList();
        if (unreadable.Count > 0) return unreadable;
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures.ToList();
        }
        catch (InvalidOperationException ex)
        {
            // The binder refused a value the check above did not foresee: its message names the key and value.
            return [$"{section}: {ex.Message.ReplaceLineEndings(" ")}"];
        }
    }
}

/// <summary>Runs every registered settings check; what the program prints when configuration is wrong.</summary>
public static class SettingsChecks
{
    public static IReadOnlyList<string> Problems(IServiceProvider services) =>
        services.GetServices<ISettingsCheck>().SelectMany(c => c.Problems(services)).ToList();
}

/// <summary>Settings found unreadable before the host could be built (log levels); one line each, like the checks.</summary>
public sealed class InvalidSettingsException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
