using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>How a verifier answer is read.</summary>
public enum VerifierParsing
{
    /// <summary>Fenced or bare JSON, repaired where a model slipped; expected outputs read as booleans.</summary>
    [JsonStringEnumMemberName("tolerant")]
    Tolerant = 0,

    /// <summary>
    /// As the scripts read it: the first ```json block only, strict JSON, the function stripped and its lines that
    /// mention "download" or "requests" removed, every expected output kept as written.
    /// </summary>
    [JsonStringEnumMemberName("strict")]
    Strict = 1,
}
