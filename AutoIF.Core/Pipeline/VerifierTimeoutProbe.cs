using System.Globalization;
using AutoIF.Core.Rewards;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Keeps a verifier that never returns from stalling a verification (decision 036): each verifier first runs on its
/// probe, the first <c>Verify:SkipAfterTimeouts</c> responses of the stage that carry its instruction, by response id.
/// When every probe call times out, its other calls are recorded as timeouts with <see cref="SkippedDetail"/> and do not
/// run. The probe depends only on the stored responses, never on chunking, order or worker count, so every process
/// skips the same calls; probe verdicts already stored (a resumed verification) are read, not run again.
/// </summary>
public sealed class VerifierTimeoutProbe(IDbContextFactory<AutoIfDbContext> contextFactory, IVerifierSandbox sandbox)
{
    /// <summary>What a skipped call's verdict says; the prefix (up to the colon) is how Failing verifiers finds them.</summary>
    public const string SkippedPrefix = "skipped:";

    public static string SkippedDetail(int timeouts) => string.Create(CultureInfo.InvariantCulture, $"{SkippedPrefix} timed out {timeouts} times");

    /// <param name="verifiers">The kept verifiers by instruction.</param>
    /// <param name="furtherConstraints">By prompt, the instructions a prompt carries beside its lead one.</param>
    public async Task<VerifierTimeoutProbeResult> RunAsync(
        int runId,
        int? round,
        IReadOnlyDictionary<int, List<(int Id, string Source)>> verifiers,
        IReadOnlyDictionary<int, int[]> furtherConstraints,
        int probeCalls,
        CancellationToken cancellationToken)
    {
        if (probeCalls <= 0 || verifiers.Count == 0)
        {
            return VerifierTimeoutProbeResult.None;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var responses = await db.Responses.AsNoTracking().Where(r => r.RunId == runId && (round == null || r.Round == round))
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.PromptId, r.InstructionId }).ToListAsync(cancellationToken);
        var probes = new Dictionary<int, List<long>>();
        foreach (var response in responses)
        {
            IEnumerable<int> carried = furtherConstraints.TryGetValue(response.PromptId, out var further) ? [response.InstructionId, .. further] : [response.InstructionId];
            foreach (var instruction in carried.Where(verifiers.ContainsKey))
            {
                var probe = probes.TryGetValue(instruction, out var list) ? list : probes[instruction] = [];
                if (probe.Count < probeCalls)
                {
                    probe.Add(response.Id);
                }
            }
        }
        var probeIds = probes.Values.SelectMany(p => p).Distinct().ToList();
        var verifierIds = verifiers.Values.SelectMany(v => v).Select(v => v.Id).ToList();
        var stored = (await db.Verdicts.AsNoTracking().Where(v => probeIds.Contains(v.ResponseId) && verifierIds.Contains(v.VerifierId))
                .Select(v => new { v.VerifierId, v.ResponseId, v.Kind }).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.VerifierId, v.ResponseId), v => v.Kind);
        var texts = await db.Responses.AsNoTracking().Where(r => probeIds.Contains(r.Id)).Select(r => new { r.Id, r.Text }).ToDictionaryAsync(r => r.Id, r => r.Text, cancellationToken);

        // One batch for every probe call not stored yet; an empty answer runs no verifier, so it is no timeout.
        var inputs = new List<string>();
        var inputIndex = new Dictionary<long, int>();
        var sources = new List<string>();
        var calls = new List<VerifierCall>();
        var callKeys = new List<(int Verifier, long Response)>();
        foreach (var (instruction, probe) in probes)
        {
            foreach (var (id, source) in verifiers[instruction])
            {
                var sourceIndex = -1;
                foreach (var responseId in probe.Where(r => !stored.ContainsKey((id, r)) && !ModelAnswer.IsEmptyAnswer(texts[r])))
                {
                    if (sourceIndex < 0)
                    {
                        sourceIndex = sources.Count;
                        sources.Add(source);
                    }
                    if (!inputIndex.TryGetValue(responseId, out var input))
                    {
                        input = inputs.Count;
                        inputs.Add(texts[responseId]);
                        inputIndex[responseId] = input;
                    }
                    calls.Add(new VerifierCall(sourceIndex, input));
                    callKeys.Add((id, responseId));
                }
            }
        }
        var results = calls.Count == 0 ? [] : await sandbox.EvaluateAsync(new VerifierBatch(sources, inputs, calls), cancellationToken: cancellationToken);
        var evaluated = new Dictionary<(int Verifier, long Response), VerifierResult>();
        for (var c = 0; c < calls.Count; c++)
        {
            evaluated[callKeys[c]] = results[c];
        }

        var skipped = new HashSet<int>();
        foreach (var (instruction, probe) in probes.Where(p => p.Value.Count == probeCalls))
        {
            foreach (var (id, _) in verifiers[instruction])
            {
                var timedOut = probe.All(r => (evaluated.TryGetValue((id, r), out var result) ? result.Kind : stored.GetValueOrDefault((id, r), VerdictKind.True)) == VerdictKind.Timeout);
                if (timedOut)
                {
                    skipped.Add(id);
                }
            }
        }
        return new VerifierTimeoutProbeResult(evaluated, skipped, SkippedDetail(probeCalls));
    }
}
