using System.Text.Json;
using AutoIF.Core.Sandbox;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// What the coordinator decided before a stage's chunks ran, as stored with each chunk (<see cref="StageChunk.DecisionsJson"/>):
/// the verifiers the timeout probe skips, and the probe verdicts of the chunk's own responses. A chunk job in any process
/// then skips exactly the calls a single process would, and never runs a probe call twice (decision 036).
/// </summary>
public sealed record StageChunkDecisions(IReadOnlyList<int> Skipped, string SkippedDetail, IReadOnlyList<DecidedCall> Calls)
{
    /// <summary>The probe's decisions for the responses with ids in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public static StageChunkDecisions Of(VerifierTimeoutProbeResult probe, long first, long last)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new(
            [.. probe.Skipped.Order()],
            probe.SkippedDetail,
            [.. probe.Evaluated.Where(e => e.Key.Response >= first && e.Key.Response <= last)
                .OrderBy(e => e.Key.Response).ThenBy(e => e.Key.Verifier)
                .Select(e => new DecidedCall(e.Key.Verifier, e.Key.Response, e.Value.Kind, e.Value.Detail))]);
    }

    public static StageChunkDecisions FromJson(string json) =>
        JsonSerializer.Deserialize<StageChunkDecisions>(json) ?? throw new InvalidOperationException("A stage chunk's decisions are empty.");

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>As the probe's result the chunk's evaluation reads.</summary>
    public VerifierTimeoutProbeResult ToProbe() => new(
        Calls.ToDictionary(c => (c.VerifierId, c.ResponseId), c => new VerifierResult(c.Kind, c.Detail)),
        Skipped.ToHashSet(),
        SkippedDetail);
}
