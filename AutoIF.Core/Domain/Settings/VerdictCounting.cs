using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>What a verifier's result adds to a response's accuracy.</summary>
public enum VerdictCounting
{
    /// <summary>True counts 1, False 0; anything else (non-bool, error, timeout) is left out of the denominator.</summary>
    [JsonStringEnumMemberName("bool")]
    Bool = 0,

    /// <summary>
    /// As the scripts do: every result Python's <c>int()</c> accepts counts with that value (True 1, 2 as 2, "1" as 1);
    /// None, errors, timeouts and values <c>int()</c> refuses are left out.
    /// </summary>
    [JsonStringEnumMemberName("python-int")]
    PythonInt = 1,
}
