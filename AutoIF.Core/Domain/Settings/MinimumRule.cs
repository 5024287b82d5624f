using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>How a value is compared with a minimum: strictly above it, or at least it.</summary>
public enum MinimumRule
{
    [JsonStringEnumMemberName(">")]
    Above = 0,

    [JsonStringEnumMemberName(">=")]
    AtLeast = 1,
}
