namespace AutoIF.Core.Reports;

/// <summary>
/// How one kind of verifier's verdicts compare with the human decisions on the responses they judged (spot-checks):
/// a True verdict on an approved response or a False one on a rejected response agrees, the reverse disagrees; other
/// verdicts (errors, timeouts, not a bool) are <see cref="Uncounted"/>.
/// </summary>
public sealed record VerifierCalibration(VerifierKind Kind, long Responses, long Agreed, long Disagreed, long Uncounted)
{
    public long Verdicts => Agreed + Disagreed + Uncounted;

    /// <summary>Share of counted verdicts that agree with the human; null with none counted.</summary>
    public double? AgreementRate => Agreed + Disagreed == 0 ? null : (double)Agreed / (Agreed + Disagreed);

    /// <summary>"code" or "question", as exports name the kind (§11.4).</summary>
    public string KindName => Kind == VerifierKind.Python ? "code" : Kind == VerifierKind.LlmQuestion ? "question" : Kind.ToString().ToLowerInvariant();
}
