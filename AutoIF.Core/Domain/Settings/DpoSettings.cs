using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record DpoSettings
{
    [Range(0.0, 1.0)]
    [Description("A chosen response needs at least this accuracy (a rejected one has accuracy 0)")]
    [SettingSource("paper", "code_dpo/2_dpo_data_query_construct.py")]
    public double ChosenMinAccuracy { get; set; } = 0.5;

    [Range(1, 100)]
    [Description("Query-level pairs per prompt, at most")]
    [SettingSource("paper (2 × 2)", "code_dpo/2_dpo_data_query_construct.py (2 × 2)")]
    public int MaxPairsPerPrompt { get; set; } = 4;

    [Description("Which chosen and rejected responses are paired: the best ones, or drawn at random (seeded)")]
    [SettingSource("ours", "code_dpo/2_dpo_data_query_construct.py")]
    public DpoSampling Sampling { get; set; } = DpoSampling.Best;

    [Description("A chosen response must also have passed the judge")]
    [SettingSource("paper", "code_dpo/2_dpo_data_query_construct.py (no judge)")]
    public bool RequireJudge { get; set; } = true;

    [Description("Also build instruction-level pairs from test cases")]
    [SettingSource("paper", "none (the scripts build query-level pairs only)")]
    public bool InstructionLevel { get; set; } = true;

    [Range(1, 100)]
    [Description("Responses sampled from the policy per prompt in an online round")]
    [SettingSource("paper", "ours")]
    public int OnlineSamples { get; set; } = 8;

    [Range(0.0, 2.0)]
    [Description("Sampling temperature of an online round")]
    [SettingSource("paper", "ours")]
    public double OnlineTemperature { get; set; } = 0.8;
}
