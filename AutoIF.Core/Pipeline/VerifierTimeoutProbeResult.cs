using AutoIF.Core.Sandbox;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// A verification's probe: the verdicts of the probe calls it ran (used as they are, never run twice), the verifiers
/// whose every probe call timed out, and the detail their other calls are recorded with.
/// </summary>
public sealed record VerifierTimeoutProbeResult(
    IReadOnlyDictionary<(int Verifier, long Response), VerifierResult> Evaluated,
    IReadOnlySet<int> Skipped,
    string SkippedDetail)
{
    public static readonly VerifierTimeoutProbeResult None = new(new Dictionary<(int, long), VerifierResult>(), new HashSet<int>(), "");

    /// <summary>The verdict of a call decided without running it now: a probe call's, or a skipped verifier's; null when it must run.</summary>
    public VerifierResult? Decided(int verifierId, long responseId) =>
        Evaluated.TryGetValue((verifierId, responseId), out var result) ? result
        : Skipped.Contains(verifierId) ? new VerifierResult(VerdictKind.Timeout, SkippedDetail)
        : null;
}
