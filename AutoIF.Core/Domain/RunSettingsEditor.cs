using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace AutoIF.Core.Domain;

/// <summary>Reads and writes <see cref="RunSettings"/> by "Section:Property" keys and validates the result.</summary>
public static class RunSettingsEditor
{
    /// <summary>Every settable key with its current value, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(RunSettings settings)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var section in typeof(RunSettings).GetProperties())
        {
            if (IsLeaf(section.PropertyType))
            {
                result.Add(new(section.Name, Format(section.GetValue(settings))));
                continue;
            }
            var value = section.GetValue(settings)!;
            foreach (var leaf in section.PropertyType.GetProperties().Where(p => p.CanWrite && p.Name != "EqualityContract"))
            {
                var current = leaf.GetValue(value);
                result.Add(new($"{section.Name}:{leaf.Name}", current is null && leaf.PropertyType == typeof(string) ? "default" : Format(current)));
            }
        }
        return result;
    }

    /// <summary>A copy of <paramref name="settings"/> with the overrides applied; throws <see cref="ArgumentException"/> naming the key.</summary>
    public static RunSettings Apply(RunSettings settings, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var copy = Clone(settings);
        foreach (var (key, raw) in overrides)
        {
            var parts = key.Split(':', StringSplitOptions.TrimEntries);
            var target = (object)copy;
            PropertyInfo? property = Find(typeof(RunSettings), parts[0]);
            for (var i = 1; i < parts.Length && property is not null; i++)
            {
                if (IsLeaf(property.PropertyType))
                {
                    property = null;
                    break;
                }
                target = property.GetValue(target)!;
                property = Find(property.PropertyType, parts[i]);
            }
            if (property is null || !IsLeaf(property.PropertyType))
            {
                throw new ArgumentException($"Unknown run setting '{key}'. Known settings: {string.Join(", ", Describe(settings).Select(d => d.Key))}.");
            }
            property.SetValue(target, Parse(key, raw, property.PropertyType));
        }
        Validate(copy);
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid key.</summary>
    public static void Validate(RunSettings settings)
    {
        var errors = Errors(settings);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }

    /// <summary>Validation messages, each starting with the key it concerns.</summary>
    public static IReadOnlyList<string> Errors(RunSettings settings)
    {
        var errors = new List<string>();
        Check(settings, "", errors);
        foreach (var section in typeof(RunSettings).GetProperties().Where(p => !IsLeaf(p.PropertyType)))
        {
            Check(section.GetValue(settings)!, section.Name + ":", errors);
        }
        if (settings.Queries.MinLength > settings.Queries.MaxLength)
        {
            errors.Add("Queries:MinLength must not exceed Queries:MaxLength.");
        }
        return errors;
    }

    public static RunSettings Clone(RunSettings settings) =>
        JsonSerializer.Deserialize<RunSettings>(JsonSerializer.Serialize(settings))!;

    private static void Check(object instance, string prefix, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => $"{prefix}{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }

    private static PropertyInfo? Find(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true } p && p.Name != "EqualityContract" ? p : null;

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }

    private static object? Parse(string key, string raw, Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var t = nullable ?? type;
        if (nullable is not null && (raw.Length == 0 || raw.Equals("null", StringComparison.OrdinalIgnoreCase) || raw.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        if (t == typeof(string))
        {
            // An optional text setting: empty or "default" means "not set".
            return string.IsNullOrWhiteSpace(raw) || raw.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : raw.Trim();
        }
        try
        {
            if (t.IsEnum)
            {
                if (Enum.TryParse(t, raw, ignoreCase: true, out var parsed) && Enum.IsDefined(t, parsed))
                {
                    return parsed;
                }
                throw new FormatException($"expected one of {string.Join(", ", Enum.GetNames(t))}");
            }
            return Convert.ChangeType(raw, t, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"Bad value '{raw}' for run setting '{key}': {ex.Message}", ex);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "all",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
