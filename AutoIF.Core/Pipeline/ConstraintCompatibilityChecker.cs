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

    public async Task<bool> CompatibleAsync(int runId, (int Id, string Text) a, (int Id, string Text) b, CancellationToken cancellationToken)
    {
        var (first, second) = a.Id < b.Id ? (a, b) : (b, a);
        if (_decided.TryGetValue((first.Id, second.Id), out var known))
        {
            return known;
        }
        var decision = await ByDataAsync(first.Id, second.Id, cancellationToken) ?? await ByModelAsync(runId, first, second, cancellationToken);
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ConstraintCompatibilities.Add(new ConstraintCompatibility
            {
                RunId = runId, FirstInstructionId = first.Id, SecondInstructionId = second.Id,
                Compatible = decision.Compatible, Evidence = decision.Evidence, Reason = decision.Reason, LlmCallId = decision.CallId,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        _decided[(first.Id, second.Id)] = decision.Compatible;
        return decision.Compatible;
    }

    private async Task<Decision?> ByDataAsync(int first, int second, CancellationToken cancellationToken)
    {
        await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
        var ids = new[] { first, second };
        var verifiers = (await db.Verifiers.AsNoTracking()
                .Where(v => ids.Contains(v.InstructionId) && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
                .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept)).OrderBy(v => v.Id).Select(v => new { v.InstructionId, v.Source }).ToListAsync(cancellationToken))
            .ToLookup(v => v.InstructionId, v => v.Source);
        var cases = await db.TestCases.AsNoTracking().Where(c => ids.Contains(c.InstructionId) && c.Status == ItemStatus.Kept && c.Expected)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.InstructionId, c.Input }).ToListAsync(cancellationToken);
        if (!verifiers[first].Any() || !verifiers[second].Any() || cases.Count == 0)
        {
            return null;
        }
        // Each case that satisfies one instruction is run through the other's verifiers.
        var sources = verifiers[first].Concat(verifiers[second]).ToList();
        var firstCount = verifiers[first].Count();
        var calls = new List<VerifierCall>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (from, count) = cases[i].InstructionId == first ? (firstCount, sources.Count - firstCount) : (0, firstCount);
            calls.AddRange(Enumerable.Range(from, count).Select(s => new VerifierCall(s, i)));
        }
        var results = await sandbox.EvaluateAsync(new VerifierBatch(sources, cases.Select(c => c.Input).ToList(), calls), cancellationToken: cancellationToken);
        var passing = calls.Select((call, n) => (call.InputIndex, results[n].Kind)).GroupBy(x => x.InputIndex)
            .Where(g => g.All(x => x.Kind == VerdictKind.True)).Select(g => g.Key).Order().FirstOrDefault(-1);
        if (passing < 0)
        {
            return null;
        }
        var found = cases[passing];
        var other = found.InstructionId == first ? second : first;
        return new Decision(true, CompatibilityEvidence.Data,
            string.Create(CultureInfo.InvariantCulture, $"test case #{found.Id} of instruction #{found.InstructionId} passes every kept verifier of #{other}"), null);
    }

    private async Task<Decision> ByModelAsync(int runId, (int Id, string Text) first, (int Id, string Text) second, CancellationToken cancellationToken)
    {
        var request = LlmRequest.For(services.Templates.Compatibility(first.Text, second.Text)) with { Temperature = 0, RunId = runId, Stage = PipelineStage.Compose };
        var answer = await services.Llm.CompleteAsync(request, YesNoParser.Parse, cancellationToken);
        if (answer.Result.FailedTransiently)
        {
            // Not a decision: the compose stage fails and resumes later rather than storing a guess.
            throw new InvalidOperationException($"The compatibility check of instructions #{first.Id} and #{second.Id} could not reach the model: {answer.Result.Error}");
        }
        var compatible = answer.Succeeded && answer.Value;
        var reason = !answer.Succeeded ? "the model's answer to \"can one response follow both?\" read as neither yes nor no"
            : compatible ? "the model answered yes to \"can one response follow both?\""
            : "the model answered no to \"can one response follow both?\" and no stored test case passes both";
        return new Decision(compatible, CompatibilityEvidence.Model, reason, answer.Result.CallId);
    }

    private sealed record Decision(bool Compatible, CompatibilityEvidence Evidence, string Reason, long? CallId);
}
