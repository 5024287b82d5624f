using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>Which test cases, and which functions, take part in an instruction's cross-validation.</summary>
public enum CasePool
{
    /// <summary>Every case of the instruction; functions that define a callable <c>evaluate</c>.</summary>
    [JsonStringEnumMemberName("all-answers")]
    AllAnswers = 0,

    /// <summary>
    /// As the scripts do: only the cases of answers whose function runs (module code executes without error), and such
    /// functions count toward CrossValidation:MinFunctions even without <c>evaluate</c> (they then match no case).
    /// </summary>
    [JsonStringEnumMemberName("compiled-answers")]
    CompiledAnswers = 1,
}
