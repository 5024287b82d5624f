using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>When a function's result on a test case matches the case's expected output.</summary>
public enum CaseMatch
{
    /// <summary>The expected output read as a boolean; only a returned True (or 1) matches true, False (or 0) false.</summary>
    [JsonStringEnumMemberName("bool")]
    Bool = 0,

    /// <summary>
    /// Python's <c>==</c> between the returned value and the expected value as written, as the scripts compare them:
    /// 1 matches true, a returned "True" matches an expected "True", a bool never matches a string, None never matches.
    /// </summary>
    [JsonStringEnumMemberName("python-equals")]
    PythonEquals = 1,
}
