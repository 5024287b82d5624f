using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record JudgeSettings
{
    [Range(0.0, 10.0)]
    [Description("A response is kept when its judge score (0–10, averaged over the samples) passes this")]
    [SettingSource("paper", "code/8_query_score_filiter.py")]
    public double MinScore { get; set; } = 8;

    [Description("How the score is compared with MinScore")]
    [SettingSource("paper", "code/8_query_score_filiter.py")]
    public MinimumRule MinScoreRule { get; set; } = MinimumRule.AtLeast;

    [Range(1, 20)]
    [Description("Judgements per response, averaged (answers without a score are left out; none scores 0)")]
    [SettingSource("paper", "code/8_query_score_filiter.py")]
    public int Samples { get; set; } = 1;

    [Range(0.0, 2.0)]
    [Description("Sampling temperature of the judge (0 gives one answer however many samples)")]
    [SettingSource("ours", "ours")]
    public double Temperature { get; set; }

    [Description("How the score is read: the last score line, or \"Score: N\" at the very end only")]
    [SettingSource("ours", "code/8_query_score_filiter.py")]
    public JudgeParsing Parsing { get; set; } = JudgeParsing.Tolerant;
}
