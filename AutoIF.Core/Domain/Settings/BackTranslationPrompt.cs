using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>How functions are back-translated.</summary>
public enum BackTranslationPrompt
{
    /// <summary>One prompt per function (the most accurate first), the answer's "Instruction:" line read tolerantly.</summary>
    [JsonStringEnumMemberName("per-function")]
    PerFunction = 0,

    /// <summary>
    /// As the scripts do: one prompt per instruction with its first functions, the whole answer read as a JSON list
    /// (strictly); an unreadable answer drops the instruction.
    /// </summary>
    [JsonStringEnumMemberName("one-list")]
    OneList = 1,
}
