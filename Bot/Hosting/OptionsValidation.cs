using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CompanionBot.Hosting;

/// <summary>
/// Validates an options class with its data annotations and names the failing key as it is written in config
/// ("Storage:BusyTimeoutSeconds"), so the operator knows exactly what to fix.
/// </summary>
public sealed class AnnotatedOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
