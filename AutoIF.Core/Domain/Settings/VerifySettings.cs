using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record VerifySettings
{
    [Range(0.0, 1.0)]
    [Description("A response is kept when its accuracy over the kept functions passes this")]
    [SettingSource("paper", "code/7_query_vertification.py")]
    public double MinAccuracy { get; set; } = 0.5;

    [Description("How a response's accuracy is compared with MinAccuracy")]
    [SettingSource("paper", "code/7_query_vertification.py")]
    public MinimumRule MinAccuracyRule { get; set; } = MinimumRule.Above;

    [Description("What a result adds to the accuracy: True/False only, or whatever Python's int() accepts")]
    [SettingSource("ours", "code/7_query_vertification.py")]
    public VerdictCounting Counting { get; set; } = VerdictCounting.Bool;

    [Range(0, 1000)]
    [Description("After a verifier's first this many calls of a run (by response id) all time out, its other calls are recorded as skipped timeouts without running; 0 runs every call")]
    [SettingSource("ours", "code/7_query_vertification.py")]
    public int SkipAfterTimeouts { get; set; } = 3;
}
