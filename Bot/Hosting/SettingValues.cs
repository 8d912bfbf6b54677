using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Hosting;

/// <summary>
/// Finds config values the binder cannot convert to their property's type, walking nested objects and lists, and
/// says what was expected: "Flood:MemberMessages must be a whole number, got 'banana'". Uses the binder itself for
/// each value, so what it accepts here is exactly what binding accepts.
/// </summary>
public static class SettingValues
{
    public static IEnumerable<string> Unreadable(Type type, IConfigurationSection section, string key)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var settable = property.SetMethod?.IsPublic == true || IsList(property.PropertyType, out _);
            if (!settable) continue;
            foreach (var problem in Check(property.PropertyType, section.GetSection(property.Name), $"{key}:{property.Name}"))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Every Logging:...:LogLevel:* value that is not a level name ("Warning") or number.</summary>
    public static IReadOnlyList<string> UnreadableLogLevels(IConfiguration configuration) =>
        configuration.GetSection("Logging").AsEnumerable(makePathsRelative: false)
            .Where(kv => kv.Value is not null && IsLogLevelKey(kv.Key) && !Enum.TryParse<LogLevel>(kv.Value, ignoreCase: true, out _))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key} must be one of {string.Join(", ", Enum.GetNames<LogLevel>())}, got '{kv.Value}'")
            .ToList();

    private static bool IsLogLevelKey(string key)
    {
        var parts = key.Split(':');
        return parts.Length >= 3 && parts[^2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Check(Type type, IConfigurationSection section, string key)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (section.Value is { } value && !Converts(section, target)) yield return $"{key} {Expected(target)}, got '{value}'";
            yield break;
        }
        if (IsDictionary(target, out var element) || IsList(target, out element))
        {
            foreach (var child in section.GetChildren())
            {
                foreach (var problem in Check(element, child, $"{key}:{child.Key}")) yield return problem;
            }
            yield break;
        }
        if (target.IsClass)
        {
            foreach (var problem in Unreadable(target, section, key)) yield return problem;
        }
    }

    private static bool Converts(IConfigurationSection section, Type type)
    {
        try
        {
            section.Get(type);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "must be true or false",
        _ when type.IsEnum => $"must be one of {string.Join(", ", Enum.GetNames(type))}",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) => "must be a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "must be a number (a dot for decimals)",
        _ when type == typeof(TimeSpan) => "must be a duration such as 00:00:30",
        _ when type == typeof(Uri) => "must be an absolute URL",
        _ => $"cannot be read as {type.Name}",
    };

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(Uri);

    private static bool IsList(Type type, out Type element)
    {
        element = typeof(object);
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)) return false;
        if (type.IsArray)
        {
            element = type.GetElementType()!;
            return true;
        }
        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is null) return false;
        element = enumerable.GetGenericArguments()[0];
        return !(element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));
    }

    private static bool IsDictionary(Type type, out Type value)
    {
        value = typeof(object);
        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is null || dictionary.GetGenericArguments()[0] != typeof(string)) return false;
        value = dictionary.GetGenericArguments()[1];
        return true;
    }
}
