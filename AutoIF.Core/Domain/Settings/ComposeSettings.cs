using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record ComposeSettings
{
    [Range(1, 10_000)]
    [Description("Queries each kept instruction is paired with")]
    [SettingSource("paper", "code/6_concat_sharegpt_query.py")]
    public int QueriesPerInstruction { get; set; } = 16;
}
