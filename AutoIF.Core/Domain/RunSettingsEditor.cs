using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Domain;

/// <summary>Reads and writes <see cref="RunSettings"/> by "Section:Property" keys and validates the result.</summary>
public static class RunSettingsEditor
{
    public const string ProfileKey = nameof(RunSettings.Profile);

    /// <summary>Every settable key with its current value, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(RunSettings settings) =>
        Leaves(settings).Select(l => new KeyValuePair<string, string>(l.Key, FormatLeaf(l.Property, l.Property.GetValue(l.Owner)))).ToList();

    /// <summary>Every setting with its explanation, valid values and the source of each profile's default.</summary>
    public static IReadOnlyList<RunSettingInfo> Catalog() =>
        Leaves(new RunSettings()).Select(l =>
        {
            var source = l.Property.GetCustomAttribute<SettingSourceAttribute>();
            var type = Nullable.GetUnderlyingType(l.Property.PropertyType) ?? l.Property.PropertyType;
            IReadOnlyList<string>? choices = type.IsEnum ? Enum.GetValues(type).Cast<object>().Select(Format).ToList()
                : type == typeof(bool) ? ["true", "false"] : null;
            var range = l.Property.GetCustomAttribute<RangeAttribute>() is { } r ? $"{Format(r.Minimum)}–{Format(r.Maximum)}" : null;
            return new RunSettingInfo(l.Key, l.Property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "", range, choices,
                source?.Paper ?? "ours", source?.Scripts ?? "ours");
        }).ToList();

    /// <summary>The settings that differ from their profile's defaults: what a run shows beside its profile.</summary>
    public static IReadOnlyList<RunSettingChange> ChangesFromProfile(RunSettings settings)
    {
        var defaults = Describe(RunProfiles.Defaults(settings.Profile)).ToDictionary(d => d.Key, d => d.Value);
        return Describe(settings).Where(d => defaults[d.Key] != d.Value).Select(d => new RunSettingChange(d.Key, d.Value, defaults[d.Key])).ToList();
    }

    /// <summary>"profile scripts; changed from it: Verify:MinAccuracy = 0.3 (default 0)": how a run names its rules in one line.</summary>
    public static string ProfileSummary(RunSettings settings)
    {
        var changes = ChangesFromProfile(settings);
        var profile = $"profile {Format(settings.Profile)}";
        return changes.Count == 0 ? profile : $"{profile}; changed from it: {string.Join(", ", changes.Select(c => $"{c.Key} = {c.Value} (default {c.ProfileDefault})"))}";
    }

    /// <summary>
    /// A copy of <paramref name="settings"/> with the overrides applied; throws <see cref="ArgumentException"/> naming the key.
    /// A profile is a named set of defaults, so a <c>Profile</c> override is applied first (the settings start again from
    /// that profile's defaults) and the other overrides after it, in order.
    /// </summary>
    public static RunSettings Apply(RunSettings settings, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var list = overrides.ToList();
        var profile = list.Where(o => IsProfileKey(o.Key)).Select(o => (MethodProfile?)Parse(o.Key, o.Value, typeof(MethodProfile))).LastOrDefault();
        var copy = profile is { } chosen ? RunProfiles.Defaults(chosen) : Clone(settings);
        foreach (var (key, raw) in list.Where(o => !IsProfileKey(o.Key)))
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
        if (settings.Compose.MinInstructions > settings.Compose.MaxInstructions)
        {
            errors.Add("Compose:MinInstructions must not exceed Compose:MaxInstructions.");
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

    private static bool IsProfileKey(string key) => key.Trim().Equals(ProfileKey, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<(string Key, PropertyInfo Property, object Owner)> Leaves(RunSettings settings)
    {
        foreach (var section in typeof(RunSettings).GetProperties())
        {
            if (IsLeaf(section.PropertyType))
            {
                yield return (section.Name, section, settings);
                continue;
            }
            var value = section.GetValue(settings)!;
            foreach (var leaf in section.PropertyType.GetProperties().Where(p => p.CanWrite && p.Name != "EqualityContract"))
            {
                yield return ($"{section.Name}:{leaf.Name}", leaf, value);
            }
        }
    }

    private static string FormatLeaf(PropertyInfo property, object? value) =>
        value is null && property.PropertyType == typeof(string) ? "default" : Format(value);

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
                // The value as the Runs page and README write it ("scripts", ">=", "python-equals"), or the member's name.
                var match = Enum.GetValues(t).Cast<object>().FirstOrDefault(v =>
                    string.Equals(Format(v), raw.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(v.ToString(), raw.Trim(), StringComparison.OrdinalIgnoreCase));
                return match ?? throw new FormatException($"expected one of {string.Join(", ", Enum.GetValues(t).Cast<object>().Select(Format))}");
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
        bool b => b ? "true" : "false",
        Enum e => e.GetType().GetField(e.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
