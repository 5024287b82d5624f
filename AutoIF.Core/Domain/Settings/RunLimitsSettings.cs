using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

/// <summary>Limits on what a run may spend (section <c>Run</c>): none by default, so a run without them is as before.</summary>
public sealed record RunLimitsSettings
{
    /// <summary>Model calls the run may send, at most; null for no limit. Answers from the cache are free and never count.</summary>
    [Range(1, int.MaxValue)]
    [Description("Model calls the run may send (cached answers are free); at the budget the run pauses, and resuming with a higher one continues")]
    [SettingSource("ours (no limit)", "ours (no limit)")]
    public int? MaxModelCalls { get; set; }
}
