using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record AugmentSettings
{
    [Range(0, 10_000)]
    [Description("Self-instruct rounds: each asks the model for new instructions from the seeds")]
    [SettingSource("ours (the paper used 100)", "ours (step 1 is left to the user)")]
    public int Rounds { get; set; } = 10;

    [Range(0.0, 2.0)]
    [Description("Sampling temperature of the self-instruct prompt")]
    [SettingSource("ours", "ours")]
    public double Temperature { get; set; } = 1.0;
}
