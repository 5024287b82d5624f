using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>How a value is compared with a maximum: strictly below it, or at most it.</summary>
public enum MaximumRule
{
    [JsonStringEnumMemberName("<")]
    Below = 0,

    [JsonStringEnumMemberName("<=")]
    AtMost = 1,
}
