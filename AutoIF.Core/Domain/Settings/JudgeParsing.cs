using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>How a judge's score is read from its answer.</summary>
public enum JudgeParsing
{
    /// <summary>The last "Score: N" line (markdown, "N/10" and decimals accepted, decimals rounded down).</summary>
    [JsonStringEnumMemberName("tolerant")]
    Tolerant = 0,

    /// <summary>As the scripts read it: "Score: N" with N whole digits at the very end of the answer, else no score.</summary>
    [JsonStringEnumMemberName("strict")]
    Strict = 1,
}
