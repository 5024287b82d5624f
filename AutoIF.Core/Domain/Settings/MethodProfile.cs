using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>Which reading of the method a run's defaults follow: the paper's, or the published scripts' exactly.</summary>
public enum MethodProfile
{
    [JsonStringEnumMemberName("paper")]
    Paper = 0,

    [JsonStringEnumMemberName("scripts")]
    Scripts = 1,
}
