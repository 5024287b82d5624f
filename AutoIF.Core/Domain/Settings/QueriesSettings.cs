using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record QueriesSettings
{
    [Range(0, 100_000)]
    [Description("Shortest query kept, in characters")]
    [SettingSource("paper", "code/6_concat_sharegpt_query.py")]
    public int MinLength { get; set; } = 20;

    [Description("How a query's length is compared with MinLength")]
    [SettingSource("ours", "code/6_concat_sharegpt_query.py")]
    public MinimumRule MinLengthRule { get; set; } = MinimumRule.AtLeast;

    [Range(1, 1_000_000)]
    [Description("Longest query kept, in characters")]
    [SettingSource("paper", "code/6_concat_sharegpt_query.py")]
    public int MaxLength { get; set; } = 300;

    [Description("How a query's length is compared with MaxLength")]
    [SettingSource("ours", "code/6_concat_sharegpt_query.py")]
    public MaximumRule MaxLengthRule { get; set; } = MaximumRule.AtMost;
}
