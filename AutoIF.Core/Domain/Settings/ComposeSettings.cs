using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record ComposeSettings
{
    [Range(1, 10_000)]
    [Description("Queries each kept instruction is paired with")]
    [SettingSource("paper", "code/6_concat_sharegpt_query.py")]
    public int QueriesPerInstruction { get; set; } = 16;

    [Range(1, 10)]
    [Description("Fewest instructions (constraints) a composed prompt carries")]
    [SettingSource("paper (one)", "code/6_concat_sharegpt_query.py (one)")]
    public int MinInstructions { get; set; } = 1;

    [Range(1, 10)]
    [Description("Most instructions (constraints) a composed prompt carries; k is drawn per prompt between the two with RandomSeed")]
    [SettingSource("paper (one)", "code/6_concat_sharegpt_query.py (one)")]
    public int MaxInstructions { get; set; } = 1;
}
