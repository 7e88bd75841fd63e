using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace TeleSurv.Portal.Infrastructure.Clinical;

/// <summary>
/// Reads one options class from a configuration section, strictly: every key must be a property of the class
/// (a misspelt setting is an error, not a silent default), and every value must parse in the invariant culture
/// (38.5, not 38,5). Problems are sentences naming the full setting path.
/// </summary>
internal static class ClinicalSettings
{
    /// <summary>
    /// Sets the properties present in the section on <paramref name="target"/>; returns the problems met. Children
    /// named in <paramref name="sections"/> are sections the caller reads itself.
    /// </summary>
    public static List<string> Bind(IConfigurationSection section, object target, params string[] sections)
    {
        var problems = new List<string>();
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetSetMethod() is not null)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var child in section.GetChildren())
        {
            if (sections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"{child.Path} is not a setting: the settings of {section.Path} are {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            if (child.Value is null)
            {
                problems.Add($"{child.Path} takes a single value, not a section.");
                continue;
            }

            if (TryParse(child.Value.Trim(), property.PropertyType, out var value, out var expected))
            {
                property.SetValue(target, value);
            }
            else
            {
                problems.Add($"{child.Path} is \"{child.Value}\", which is not {expected}.");
            }
        }

        return problems;
    }

    /// <summary>
    /// An options class's own validation messages, each naming the setting: a message that starts with a property
    /// name gets the section path in front of it, any other is prefixed by the section.
    /// </summary>
    public static IEnumerable<string> Qualify(IConfigurationSection section, object target, IEnumerable<string> problems)
    {
        var names = target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToArray();
        foreach (var problem in problems)
        {
            var name = names.FirstOrDefault(n => problem.StartsWith(n + " ", StringComparison.Ordinal));
            yield return name is null ? $"{section.Path}: {problem}" : $"{section.Path}:{problem}";
        }
    }

    private static bool TryParse(string text, Type type, out object? value, out string expected)
    {
        value = null;
        if (type == typeof(int))
        {
            expected = "a whole number";
            var ok = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
            value = number;
            return ok;
        }

        if (type == typeof(decimal))
        {
            expected = "a number (with a dot as decimal separator)";
            var ok = decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number);
            value = number;
            return ok;
        }

        if (type == typeof(bool))
        {
            expected = "true or false";
            var ok = bool.TryParse(text, out var flag);
            value = flag;
            return ok;
        }

        if (type == typeof(string))
        {
            expected = "a text";
            value = text;
            return true;
        }

        if (type.IsEnum)
        {
            expected = "one of " + string.Join(", ", Enum.GetNames(type));
            var ok = !char.IsAsciiDigit(text.FirstOrDefault()) && !text.StartsWith('-')
                && Enum.TryParse(type, text, ignoreCase: true, out value) && Enum.IsDefined(type, value!);
            return ok;
        }

        throw new NotSupportedException($"Settings of type {type.Name} are not supported.");
    }
}
