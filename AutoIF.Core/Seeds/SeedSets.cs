using System.Text.RegularExpressions;

namespace AutoIF.Core.Seeds;

/// <summary>
/// The named seed sets: two built in (decision 013), any number a user imports. A run starts from one set, or from
/// the seeds its <c>Seeds:Ids</c> names, whatever their sets.
/// </summary>
public static partial class SeedSets
{
    /// <summary>Our own creative but checkable constraints (letters, syllables, word order, poem forms, ciphers, counts), with no IFEval phrasing: the default.</summary>
    public const string AutoIf = "autoif";

    /// <summary>Atomic format instructions that follow IFEval's instruction types; data grown from them and scored on IFEval measures overlap.</summary>
    public const string IfEvalTypes = "ifeval-types";

    public const string Default = AutoIf;

    public const int MaxNameLength = 64;

    /// <summary>The built-in sets, in the order a new database loads them.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [AutoIf, IfEvalTypes];

    /// <summary>The set a run starts from when <c>Seeds:Ids</c> names no seeds. The one place a run's set is decided.</summary>
    public static string SeedSetFor(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Seeds.Set ?? Default;
    }

    /// <summary>The seeds a run with these settings starts from, in catalogue order: the one place the choice is made (the Seeds stage, the run estimate).</summary>
    public static IQueryable<SeedInstruction> ChosenFrom(IQueryable<SeedInstruction> seeds, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var chosen = settings.Seeds.IdSet()?.ToArray();
        var set = SeedSetFor(settings);
        return seeds.Where(s => chosen == null ? s.Set == set : chosen.Contains(s.Id)).OrderBy(s => s.Id).Take(settings.Seeds.Max ?? int.MaxValue);
    }

    /// <summary>Trims <paramref name="name"/> and checks it; throws <see cref="ArgumentException"/> naming the rule.</summary>
    public static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (!NamePattern().IsMatch(trimmed))
        {
            throw new ArgumentException(
                $"\"{trimmed}\" is not a seed set name: use 1 to {MaxNameLength} lowercase letters, digits and hyphens, starting with a letter or digit (e.g. my-seeds).");
        }
        return trimmed;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
