using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AutoIF.Core.Domain.Settings;

public sealed record SeedsSettings
{
    /// <summary>Seed ids to start from, comma-separated (e.g. "1,2,7"); null takes the whole seed set.</summary>
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
