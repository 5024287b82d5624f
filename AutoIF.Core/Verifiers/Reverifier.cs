using System.Text.Json;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Verifiers;

/// <summary>
/// Re-verification without resampling (decision 026): the current version of every verifier runs again on the stored
/// test cases and responses, and everything after it is recomputed by the stages' own rules — Compile for new versions,
/// CrossValidate (with its self-tests), Verify, then Judge and Pairs where the run had reached them (the judge's calls come
/// from the model-call cache but for a response that newly passes). Items are reset to what each stage picks up, so no rule
/// is written twice. An instruction that now passes cross-validation and had not gets the later stages marked undone:
/// it goes through them when the run is resumed. The caller holds the run's lock. Stores the diff with the record.
/// </summary>
public sealed class Reverifier(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    IEnumerable<IRunStage> stages,
    ResponseVerifier responses,
    DpoPairBuilder pairs,
    RunFunnelQuery funnel,
    VerifierSelfTester selfTests,
    TimeProvider clock)
{
    private const int ExamplesPerVerifier = 5;
    private const int ChangesKept = 200;

    // The stages after cross-validation an instruction needs when it passes it anew (Queries works on the run's pool).
    private static readonly PipelineStage[] LaterStages =
        [PipelineStage.BackTranslate, PipelineStage.Consistency, PipelineStage.Compose, PipelineStage.Sample, PipelineStage.Verify, PipelineStage.Judge, PipelineStage.Pairs];

    public async Task<ReverificationDiff> ExecuteAsync(int reverificationId, CancellationToken cancellationToken)
    {
        int runId;
        int? instructionId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.Reverifications.SingleOrDefaultAsync(r => r.Id == reverificationId, cancellationToken)
                ?? throw new ArgumentException($"There is no re-verification #{reverificationId}.");
            (runId, instructionId) = (row.RunId, row.InstructionId);
            row.State = ReverificationState.Running;
            await db.SaveChangesAsync(cancellationToken);
        }
        try
        {
            var diff = await ReverifyAsync(runId, instructionId, cancellationToken);
            await FinishAsync(reverificationId, ReverificationState.Done, null, JsonSerializer.Serialize(diff, ReverificationStore.Json), CancellationToken.None);
            return diff;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FinishAsync(reverificationId, ReverificationState.Failed, ex.Message, null, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(reverificationId, ReverificationState.Failed, "cancelled", null, CancellationToken.None);
            throw;
        }
    }

    private async Task<ReverificationDiff> ReverifyAsync(int runId, int? instructionId, CancellationToken ct)
    {
        List<StageProgress> progressBefore;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            progressBefore = await db.StageProgress.AsNoTracking().Where(p => p.RunId == runId).ToListAsync(ct);
        }
        var completed = progressBefore.Where(p => p.Completed).Select(p => p.Stage).ToHashSet();
        var before = await SnapshotAsync(runId, instructionId, ct);
        await ResetAsync(runId, instructionId, ct);

        await Stage(PipelineStage.Compile).ExecuteAsync(runId, ct);
        await Stage(PipelineStage.CrossValidate).ExecuteAsync(runId, ct);
        await AdoptImportedAsync(runId, instructionId, ct);
        if (completed.Contains(PipelineStage.Verify))
        {
            await responses.VerifyAsync(runId, PipelineStage.Verify, round: null, ct);
        }
        if (completed.Contains(PipelineStage.Judge))
        {
            await Stage(PipelineStage.Judge).ExecuteAsync(runId, ct);
        }
        if (completed.Contains(PipelineStage.Pairs))
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            var rounds = await db.DpoPairs.Where(p => p.RunId == runId).Select(p => p.Round).Distinct().ToListAsync(ct);
            foreach (var round in rounds.Append(0).Distinct().Order())
            {
                await pairs.BuildAsync(runId, round, ct);
            }
        }

        var after = await SnapshotAsync(runId, instructionId, ct);
        var newlyPassing = after.Instructions.Where(i => i.Value.PassesCrossValidation && before.Instructions.TryGetValue(i.Key, out var was) && !was.PassesCrossValidation)
            .Select(i => i.Key).Order().ToList();
        await RestoreProgressAsync(runId, progressBefore, newlyPassing.Count > 0, ct);
        return await DiffAsync(before, after, newlyPassing, ct);
    }

    private IRunStage Stage(PipelineStage stage) => stages.Single(s => s.Stage == stage);

    /// <summary>
    /// Puts the items in scope back to what the stages pick up: current verifiers, test cases and instructions that were
    /// cross-validated to pending with their cells gone, verified responses to unverified with the current versions'
    /// verdicts gone. Superseded versions keep theirs. Drops of other stages (a contradiction, a judge's rejection of a
    /// response that no longer passes either) stand where the stage that decides them does not run again.
    /// </summary>
    private async Task ResetAsync(int runId, int? instructionId, CancellationToken ct)
    {
        var superseded = DropReasons.Superseded.Code;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var scope = db.Instructions.Where(i => i.RunId == runId && (instructionId == null || i.Id == instructionId));
        var current = db.Verifiers.Where(v => scope.Select(i => i.Id).Contains(v.InstructionId) && (v.DropReasonCode == null || v.DropReasonCode != superseded));
        // Cross-validated again: instructions of the run's own cross-validation with a version it has not decided (an edit).
        // Deterministic functions give the same matrix again, so the others keep theirs.
        var validated = scope.Where(i => (i.Status == ItemStatus.Pending || (i.Status == ItemStatus.Dropped && i.DropStage == PipelineStage.CrossValidate))
                && current.Any(v => v.InstructionId == i.Id && v.Status == ItemStatus.Pending))
            .Select(i => i.Id);
        var currentOfValidated = current.Where(v => validated.Contains(v.InstructionId));

        await db.CaseResults.Where(r => currentOfValidated.Select(v => v.Id).Contains(r.VerifierId)).ExecuteDeleteAsync(ct);
        await db.TestCases.Where(c => validated.Contains(c.InstructionId)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, ItemStatus.Pending).SetProperty(c => c.Agreement, (double?)null).SetDropReason(null), ct);
        await currentOfValidated.Where(v => v.Status == ItemStatus.Kept || v.Status == ItemStatus.Pending || v.DropStage == PipelineStage.CrossValidate)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, ItemStatus.Pending).SetProperty(v => v.DropStage, (PipelineStage?)null).SetDropReason(null)
                .SetProperty(v => v.CaseAccuracy, (double?)null).SetProperty(v => v.SelfTest, VerifierSelfTest.Unchecked).SetProperty(v => v.SelfTestEvidence, (string?)null), ct);
        await scope.Where(i => i.Status == ItemStatus.Dropped && i.DropStage == PipelineStage.CrossValidate)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ItemStatus.Pending).SetProperty(i => i.DropStage, (PipelineStage?)null).SetDropReason(null), ct);

        var verified = db.Responses.Where(r => r.RunId == runId && r.Accuracy != null && scope.Select(i => i.Id).Contains(r.InstructionId));
        await db.Verdicts.Where(v => verified.Select(r => r.Id).Contains(v.ResponseId) && current.Select(c => c.Id).Contains(v.VerifierId)).ExecuteDeleteAsync(ct);
        await verified.Where(r => r.Status != ItemStatus.Dropped || r.DropStage == PipelineStage.Verify || r.DropStage == PipelineStage.Judge)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ItemStatus.Pending).SetProperty(r => r.DropStage, (PipelineStage?)null).SetDropReason(null), ct);
        await verified.ExecuteUpdateAsync(s => s.SetProperty(r => r.Accuracy, (double?)null).SetProperty(r => r.DuplicateOfId, (long?)null), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// An instruction imported past cross-validation (kept by the file, decision 005) has no matrix of ours to recompute and
    /// too few functions for our criteria, so the file's cross-validation stands: a new version of one of its functions
    /// takes its predecessor's place once it compiles, after the self-test (which drops it when vacuous, with DropVacuous).
    /// </summary>
    private async Task AdoptImportedAsync(int runId, int? instructionId, CancellationToken ct)
    {
        var superseded = DropReasons.Superseded.Code;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var adopted = await db.Verifiers.Where(v => v.RunId == runId && (instructionId == null || v.InstructionId == instructionId)
                && v.Status == ItemStatus.Pending && v.CompileStatus == CompileStatus.Ok && v.Instruction!.Status == ItemStatus.Kept
                && (v.DropReasonCode == null || v.DropReasonCode != superseded))
            .ToListAsync(ct);
        if (adopted.Count == 0)
        {
            return;
        }
        var settings = (await db.RunSettingsAsync(runId, ct)).CrossValidation;
        var ids = adopted.Select(v => v.InstructionId).Distinct().ToList();
        var falseCases = (await db.TestCases.AsNoTracking().Where(c => ids.Contains(c.InstructionId) && c.Status == ItemStatus.Kept && !c.Expected).ToListAsync(ct))
            .ToLookup(c => c.InstructionId);
        foreach (var verifier in adopted)
        {
            verifier.Status = ItemStatus.Kept;
        }
        await selfTests.ExecuteAsync([.. adopted.Select(v => (v, (IReadOnlyList<TestCase>)[.. falseCases[v.InstructionId]]))], settings.DropVacuous, PipelineStage.CrossValidate, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The stages' rows as they were (their counts describe the run's own pass through them, which a re-verification
    /// re-checks rather than repeats); with instructions newly past cross-validation, the later stages marked undone.
    /// </summary>
    private async Task RestoreProgressAsync(int runId, List<StageProgress> rows, bool laterStagesNeeded, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        foreach (var row in rows)
        {
            var undone = laterStagesNeeded && LaterStages.Contains(row.Stage);
            await db.StageProgress.Where(p => p.RunId == runId && p.Stage == row.Stage).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Done, row.Done).SetProperty(p => p.Total, row.Total).SetProperty(p => p.Message, row.Message)
                .SetProperty(p => p.Status, undone ? ItemStatus.Pending : row.Status)
                .SetProperty(p => p.StartedAt, row.StartedAt).SetProperty(p => p.FinishedAt, row.FinishedAt)
                .SetProperty(p => p.Completed, row.Completed && !undone), ct);
        }
        if (laterStagesNeeded)
        {
            await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Completed).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Paused)
                .SetProperty(r => r.Error, "Re-verification: instructions passed cross-validation anew and need the later stages. Resume the run to continue."), ct);
        }
    }

    private async Task FinishAsync(int reverificationId, ReverificationState state, string? error, string? diff, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Reverifications.Where(r => r.Id == reverificationId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, state).SetProperty(r => r.Error, error).SetProperty(r => r.Diff, diff).SetProperty(r => r.FinishedAt, now), ct);
    }

    private sealed record ItemState(ItemStatus Effective, string? Reason, bool PassesCrossValidation);

    private sealed record VerdictAt(int Version, VerdictKind Kind, string? Detail, int VerifierId);

    private sealed record Snapshot(
        int RunId,
        Dictionary<int, ItemState> Instructions,
        Dictionary<long, ItemState> Responses,
        Dictionary<(long Response, int Lineage), VerdictAt> Verdicts,
        HashSet<long> Sft,
        HashSet<(PairLevel, int, long?, long?, int?, int?)> Pairs,
        IReadOnlyList<FunnelCount> Funnel);

    private async Task<Snapshot> SnapshotAsync(int runId, int? instructionId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var scope = db.Instructions.AsNoTracking().Where(i => i.RunId == runId && (instructionId == null || i.Id == instructionId));
        var instructions = (await scope.Select(i => new { i.Id, i.Status, i.ReviewState, i.DropStage, i.DropReason }).ToListAsync(ct))
            .ToDictionary(i => i.Id, i => new ItemState(EffectiveStatus.Of(i.Status, i.ReviewState), i.DropReason,
                i.Status != ItemStatus.Dropped || (i.DropStage is { } stage && stage > PipelineStage.CrossValidate)));
        var responseRows = await db.Responses.AsNoTracking().Where(r => r.RunId == runId && scope.Select(i => i.Id).Contains(r.InstructionId))
            .Select(r => new { r.Id, r.Status, r.ReviewState, r.DropReason, r.Round }).ToListAsync(ct);
        var responseStates = responseRows.ToDictionary(r => r.Id, r => new ItemState(EffectiveStatus.Of(r.Status, r.ReviewState), r.DropReason, false));
        var versions = await db.Verifiers.AsNoTracking().Where(v => scope.Select(i => i.Id).Contains(v.InstructionId))
            .Select(v => new { v.Id, v.PreviousVersionId, v.Version }).ToListAsync(ct);
        var lineage = VerifierLineage.FirstVersions(versions.Select(v => (v.Id, v.PreviousVersionId)));
        var version = versions.ToDictionary(v => v.Id, v => v.Version);
        var ids = versions.Select(v => v.Id).ToList();
        var verdicts = new Dictionary<(long, int), VerdictAt>();
        foreach (var verdict in await db.Verdicts.AsNoTracking().Where(v => ids.Contains(v.VerifierId)).ToListAsync(ct))
        {
            // The latest version that judged the response speaks for its verifier.
            var key = (verdict.ResponseId, lineage[verdict.VerifierId]);
            var at = new VerdictAt(version[verdict.VerifierId], verdict.Kind, verdict.Detail, verdict.VerifierId);
            if (!verdicts.TryGetValue(key, out var seen) || seen.Version < at.Version)
            {
                verdicts[key] = at;
            }
        }
        var sft = responseRows.Where(r => r.Round == 0 && responseStates[r.Id].Effective == ItemStatus.Kept).Select(r => r.Id).ToHashSet();
        var pairRows = await db.DpoPairs.AsNoTracking().Where(p => p.RunId == runId && scope.Select(i => i.Id).Contains(p.InstructionId))
            .Select(p => new { p.Level, p.Round, p.ChosenResponseId, p.RejectedResponseId, p.ChosenCaseId, p.RejectedCaseId }).ToListAsync(ct);
        var funnelSteps = await funnel.ExecuteAsync(runId, ct);
        return new Snapshot(runId, instructions, responseStates, verdicts, sft,
            [.. pairRows.Select(p => (p.Level, p.Round, p.ChosenResponseId, p.RejectedResponseId, p.ChosenCaseId, p.RejectedCaseId))],
            [.. funnelSteps.Select(s => new FunnelCount(s.Name, s.Unit, s.Count))]);
    }

    private async Task<ReverificationDiff> DiffAsync(Snapshot before, Snapshot after, IReadOnlyList<int> newlyPassing, CancellationToken ct)
    {
        var flips = new Dictionary<int, (VerdictAt Now, int? From, List<(long Response, VerdictAt Old, VerdictAt New)> Flips, int TrueToFalse, int FalseToTrue)>();
        foreach (var (key, now) in after.Verdicts)
        {
            if (!before.Verdicts.TryGetValue(key, out var old))
            {
                continue;
            }
            var entry = flips.TryGetValue(key.Lineage, out var seen) ? seen : (now, old.Version, [], 0, 0);
            if (old.Kind == VerdictKind.True && now.Kind != VerdictKind.True)
            {
                entry.TrueToFalse++;
                entry.Flips.Add((key.Response, old, now));
            }
            else if (old.Kind != VerdictKind.True && now.Kind == VerdictKind.True)
            {
                entry.FalseToTrue++;
                entry.Flips.Add((key.Response, old, now));
            }
            flips[key.Lineage] = entry;
        }
        var exampleIds = flips.Values.SelectMany(f => f.Flips.OrderBy(x => x.Response).Take(ExamplesPerVerifier).Select(x => x.Response)).ToHashSet();
        Dictionary<long, string> texts;
        Dictionary<int, int> instructionOf;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            var list = exampleIds.ToList();
            texts = await db.Responses.AsNoTracking().Where(r => list.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Text.Length > 500 ? r.Text.Substring(0, 500) : r.Text, ct);
            var verifierIds = flips.Values.Select(f => f.Now.VerifierId).ToList();
            instructionOf = await db.Verifiers.AsNoTracking().Where(v => verifierIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.InstructionId, ct);
        }
        var verifiers = flips.Values.OrderBy(f => f.Now.VerifierId)
            .Select(f => new VerifierFlips(f.Now.VerifierId, f.Now.Version, f.From, instructionOf[f.Now.VerifierId], f.TrueToFalse, f.FalseToTrue,
                [.. f.Flips.OrderBy(x => x.Response).Take(ExamplesPerVerifier).Select(x => new VerdictFlip(x.Response, texts.GetValueOrDefault(x.Response) ?? "",
                    Name(x.Old.Kind), x.Old.Detail, Name(x.New.Kind), x.New.Detail))]))
            .ToList();
        var responseChanges = Changes(before.Responses, after.Responses);
        var instructionChanges = before.Instructions.Where(i => after.Instructions.TryGetValue(i.Key, out var now) && now.PassesCrossValidation != i.Value.PassesCrossValidation)
            .OrderBy(i => i.Key)
            .Select(i => new KeptChange(i.Key, Passes(i.Value), Passes(after.Instructions[i.Key]), after.Instructions[i.Key].Reason)).ToList();
        return new ReverificationDiff(verifiers, [.. responseChanges.Take(ChangesKept)], responseChanges.Count, instructionChanges, newlyPassing,
            after.Sft.Except(before.Sft).Count(), before.Sft.Except(after.Sft).Count(),
            after.Pairs.Except(before.Pairs).Count(), before.Pairs.Except(after.Pairs).Count(),
            before.Funnel, after.Funnel);
    }

    private static List<KeptChange> Changes<TKey>(Dictionary<TKey, ItemState> before, Dictionary<TKey, ItemState> after) where TKey : notnull, IConvertible =>
        [.. before.Where(b => after.TryGetValue(b.Key, out var now) && now.Effective != b.Value.Effective).OrderBy(b => b.Key)
            .Select(b => new KeptChange(Convert.ToInt64(b.Key, System.Globalization.CultureInfo.InvariantCulture), Name(b.Value.Effective), Name(after[b.Key].Effective), after[b.Key].Reason))];

    private static string Passes(ItemState state) => state.PassesCrossValidation ? "passes cross-validation" : "dropped at cross-validation";

    private static string Name<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
