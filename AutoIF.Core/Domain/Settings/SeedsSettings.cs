using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AutoIF.Core.Domain.Settings;

public sealed record SeedsSettings
{
    /// <summary>The seed set the run starts from when <see cref="Ids"/> names none; null (<c>default</c>) is the default set.</summary>
    [RegularExpression(@"^[a-z0-9][a-z0-9-]{0,63}$", ErrorMessage = "Seeds:Set must be a seed set name: lowercase letters, digits and hyphens, e.g. autoif.")]
    [Description("The seed set the run starts from: autoif (ours, the default), ifeval-types (follows IFEval's types) or a set of your own")]
    [SettingSource("ours", "ours")]
    public string? Set { get; set; } = Seeds.SeedSets.Default;

    /// <summary>Seed ids to start from, comma-separated (e.g. "1,2,7"), from any set; null takes the seeds of <see cref="Set"/>.</summary>
    [RegularExpression(@"^\s*\d+(\s*,\s*\d+)*\s*$", ErrorMessage = "Seeds:Ids must be seed ids separated by commas, e.g. 1,2,7.")]
    [Description("Seed ids to start from, comma-separated (as on the Seeds page); all when empty")]
    [SettingSource("ours", "sample_data/seed_instruction.txt")]
    public string? Ids { get; set; }

    /// <summary>How many seeds to start from (after Seeds:Ids); null takes all.</summary>
    [Range(1, 100_000)]
    [Description("How many seeds to start from, at most")]
    [SettingSource("ours", "ours")]
    public int? Max { get; set; }

    public IReadOnlySet<int>? IdSet() =>
        Ids is null ? null : Ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
}
