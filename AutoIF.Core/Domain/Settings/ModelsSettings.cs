using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

/// <summary>
/// Which model each role uses for this run, on the endpoints configured in Settings. Empty means the configured
/// model; the demo model ignores these. The call records (and so the dataset card) name the model that answered.
/// </summary>
public sealed record ModelsSettings
{
    [StringLength(200)]
    [Description("Model name of the supervision role on its endpoint; empty = the configured model")]
    [SettingSource("ours", "ours")]
    public string? Supervision { get; set; }

    [StringLength(200)]
    [Description("Model name of the policy role; empty = the configured model")]
    [SettingSource("ours", "ours")]
    public string? Policy { get; set; }
}
