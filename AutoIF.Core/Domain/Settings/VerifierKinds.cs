using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>Which kinds of verifier the Verifiers stage asks for (decision 034).</summary>
public enum VerifierKinds
{
    /// <summary>Python functions only, as the paper and the scripts do.</summary>
    [JsonStringEnumMemberName("code")]
    Code = 0,

    /// <summary>Python functions, and one to three yes/no questions per instruction that the supervision model answers about a text.</summary>
    [JsonStringEnumMemberName("code,question")]
    CodeAndQuestion = 1,
}
