using AutoIF.Core.Domain;

namespace AutoIF.Core.Export;

/// <summary>One verifier's verdict on a response, as the scores record lists it: <see cref="VerifierId"/> is the version's row, <see cref="VerifierVersion"/> its number.</summary>
public sealed record VerdictEntry(int VerifierId, VerdictKind Verdict, string? Detail, int VerifierVersion = 1, VerifierKind? Kind = null)
{
    /// <summary>The spelling of a verifier kind in exports: <c>code</c> (Python) or <c>question</c> (decision 034).</summary>
    public static string KindName(VerifierKind kind) => kind == VerifierKind.LlmQuestion ? "question" : "code";

    /// <summary>The spelling of a verdict that readers of exports rely on: true, false, not_bool, error, timeout, crashed.</summary>
    public static string Name(VerdictKind kind) => kind switch
    {
        VerdictKind.True => "true",
        VerdictKind.False => "false",
        VerdictKind.NotBool => "not_bool",
        VerdictKind.Error => "error",
        VerdictKind.Timeout => "timeout",
        VerdictKind.Crashed => "crashed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown verdict kind"),
    };
}
