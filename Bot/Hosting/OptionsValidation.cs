using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CompanionBot.Hosting;

/// <summary>
/// Validates an options class with its data annotations and names the failing key as it is written in config
/// ("Storage:BusyTimeoutSeconds must be between 0 and 600, got -3"), so the operator knows exactly what to fix.
/// Only numbers are echoed back: a string setting may be a secret (a token, a connection string).
/// </summary>
public sealed partial class AnnotatedOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(results.Select(r => Describe(options, r)));
    }

    private string Describe(TOptions options, ValidationResult result)
    {
        var member = result.MemberNames.FirstOrDefault();
        var message = Plain(result.ErrorMessage ?? "is not valid");
        if (member is null) return $"{section}: {message}";
        var value = typeof(TOptions).GetProperty(member, BindingFlags.Public | BindingFlags.Instance)?.GetValue(options);
        var got = value is IConvertible number && IsNumber(value) ? $", got {number.ToString(CultureInfo.InvariantCulture)}" : "";
        var key = $"{section}:{member}";
        // A message that already names its key ("Storage:Provider must be ...") is not prefixed twice.
        return message.StartsWith(key, StringComparison.Ordinal) ? $"{message}{got}" : $"{key} {message}{got}";
    }

    /// <summary>"The field X must be between 0 and 600." and "The X field is required." lose their preamble.</summary>
    private static string Plain(string message)
    {
        var match = Preamble().Match(message);
        return match.Success ? match.Groups["rest"].Value : message.TrimEnd('.');
    }

    private static bool IsNumber(object value) => value is int or long or short or byte or uint or ulong or ushort or sbyte or double or float or decimal;

    [GeneratedRegex(@"^The (field \w+|\w+ field) (?<rest>.*?)\.?$")]
    private static partial Regex Preamble();
}
