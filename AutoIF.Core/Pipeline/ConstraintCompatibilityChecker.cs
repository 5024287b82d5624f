using System.Globalization;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Sandbox;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Whether two instructions of a run may share a prompt (decision 025). Asked only for pairs the composer actually
/// draws, and decided once per pair: the stored decision is read back on every later draw and on a resumed run.
/// Evidence first from data — a kept test case written to satisfy one instruction that every kept verifier of the
/// other also accepts proves a response can follow both — else the supervision model's yes/no to "can one response
/// follow both?" at temperature 0 (cached like every call); a "no" is a conflict, kept with its reason. An answer that
/// reads as neither counts as a conflict too: a prompt must never carry two instructions nobody showed compatible.
/// The pairs of one <see cref="DecideAsync"/> are decided together: one sandbox batch for the stored evidence, and the
/// model's questions all in flight at once.
/// </summary>
public sealed class ConstraintCompatibilityChecker(LlmStageServices services, IVerifierSandbox sandbox)
{
    private readonly Dictionary<(int, int), bool> _decided = [];

    /// <summary>Reads the run's stored decisions, so a resumed compose asks nothing twice.</summary>
    public async Task LoadAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
        foreach (var c in await db.ConstraintCompatibilities.AsNoTracking().Where(c => c.RunId == runId)
                     .Select(c => new { c.FirstInstructionId, c.SecondInstructionId, c.Compatible }).ToListAsync(cancellationToken))
        {
            _decided[(c.FirstInstructionId, c.SecondInstructionId)] = c.Compatible;
        }
    }

    /// <summary>The decision on two instructions, or null while it has not been made.</summary>
    public bool? Known(int a, int b) => _decided.TryGetValue(a < b ? (a, b) : (b, a), out var known) ? known : null;

    /// <summary>
    /// Decides and stores every pair of <paramref name="pairs"/> not decided yet. A model call that fails transiently is
    /// not a decision: the others are stored, and the compose stage fails to resume later rather than storing a guess.
    /// </summary>
    public async Task DecideAsync(int runId, IReadOnlyList<((int Id, string Text) A, (int Id, string Text) B)> pairs, CancellationToken cancellationToken)
    {
        var open = pairs.Select(p => p.A.Id < p.B.Id ? (First: p.A, Second: p.B) : (First: p.B, Second: p.A))
            .Where(p => Known(p.First.Id, p.Second.Id) is null).DistinctBy(p => (p.First.Id, p.Second.Id)).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var byData = await ByDataAsync(open.Select(p => (p.First.Id, p.Second.Id)).ToList(), cancellationToken);
        var askModel = open.Where(p => !byData.ContainsKey((p.First.Id, p.Second.Id))).ToList();
        var answers = await services.Llm.CompleteAllAsync(runId, PipelineStage.Compose, askModel,
            p => LlmRequest.For(services.Templates.Compatibility(p.First.Text, p.Second.Text)) with { Temperature = 0 }, YesNoParser.Parse, cancellationToken);
        var decisions = byData.ToList();
        string? failure = null;
        foreach (var (pair, answer) in askModel.Zip(answers))
        {
            if (answer.Result.FailedTransiently)
            {
                failure ??= $"The compatibility check of instructions #{pair.First.Id} and #{pair.Second.Id} could not reach the model: {answer.Result.Error}";
                continue;
            }
            decisions.Add(new((pair.First.Id, pair.Second.Id), ByModel(answer)));
        }
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ConstraintCompatibilities.AddRange(decisions.Select(d => new ConstraintCompatibility
            {
                RunId = runId, FirstInstructionId = d.Key.First, SecondInstructionId = d.Key.Second,
                Compatible = d.Value.Compatible, Evidence = d.Value.Evidence, Reason = d.Value.Reason, LlmCallId = d.Value.CallId,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var d in decisions)
        {
            _decided[d.Key] = d.Value.Compatible;
        }
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>The pairs that stored data shows compatible: each case that satisfies one instruction is run through the other's verifiers, all pairs in one sandbox batch.</summary>
    private async Task<Dictionary<(int First, int Second), Decision>> ByDataAsync(List<(int First, int Second)> pairs, CancellationToken cancellationToken)
    {
        var ids = pairs.SelectMany(p => new[] { p.First, p.Second }).Distinct().ToList();
        await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
        var verifiers = (await db.Verifiers.AsNoTracking()
                .Where(v => ids.Contains(v.InstructionId) && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
                .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept)).OrderBy(v => v.Id).Select(v => new { v.InstructionId, v.Source }).ToListAsync(cancellationToken))
            .Select((v, index) => (v.InstructionId, v.Source, Index: index)).ToList();
        var cases = (await db.TestCases.AsNoTracking().Where(c => ids.Contains(c.InstructionId) && c.Status == ItemStatus.Kept && c.Expected)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.InstructionId, c.Input }).ToListAsync(cancellationToken))
            .Select((c, index) => (c.Id, c.InstructionId, c.Input, Index: index)).ToList();
        var verifiersOf = verifiers.ToLookup(v => v.InstructionId, v => v.Index);
        var casesOf = cases.ToLookup(c => c.InstructionId);
        var calls = new List<VerifierCall>();
        // Per pair, each of its cases (in id order) with the range of calls that runs it through the other instruction's verifiers.
        var checks = new List<((int First, int Second) Pair, List<(int CaseId, int InstructionId, int From, int Count)> Cases)>();
        foreach (var pair in pairs.Where(p => verifiersOf[p.First].Any() && verifiersOf[p.Second].Any()))
        {
            var pairCases = new List<(int CaseId, int InstructionId, int From, int Count)>();
            foreach (var c in casesOf[pair.First].Concat(casesOf[pair.Second]).OrderBy(c => c.Id))
            {
                var others = verifiersOf[c.InstructionId == pair.First ? pair.Second : pair.First].ToList();
                pairCases.Add((c.Id, c.InstructionId, calls.Count, others.Count));
                calls.AddRange(others.Select(v => new VerifierCall(v, c.Index)));
            }
            checks.Add((pair, pairCases));
        }
        var decided = new Dictionary<(int First, int Second), Decision>();
        if (calls.Count == 0)
        {
            return decided;
        }
        var results = await sandbox.EvaluateAsync(
            new VerifierBatch(verifiers.Select(v => v.Source).ToList(), cases.Select(c => c.Input).ToList(), calls), cancellationToken: cancellationToken);
        foreach (var (pair, pairCases) in checks)
        {
            if (pairCases.Where(c => Enumerable.Range(c.From, c.Count).All(n => results[n].Kind == VerdictKind.True))
                    .Select(c => new { c.CaseId, c.InstructionId }).FirstOrDefault() is not { } found)
            {
                continue;
            }
            var other = found.InstructionId == pair.First ? pair.Second : pair.First;
            decided[pair] = new Decision(true, CompatibilityEvidence.Data,
                string.Create(CultureInfo.InvariantCulture, $"test case #{found.CaseId} of instruction #{found.InstructionId} passes every kept verifier of #{other}"), null);
        }
        return decided;
    }

    private static Decision ByModel(LlmParsedResult<bool> answer)
    {
        var compatible = answer.Succeeded && answer.Value;
        var reason = !answer.Succeeded ? "the model's answer to \"can one response follow both?\" read as neither yes nor no"
            : compatible ? "the model answered yes to \"can one response follow both?\""
            : "the model answered no to \"can one response follow both?\" and no stored test case passes both";
        return new Decision(compatible, CompatibilityEvidence.Model, reason, answer.Result.CallId);
    }

    private sealed record Decision(bool Compatible, CompatibilityEvidence Evidence, string Reason, long? CallId);
}
