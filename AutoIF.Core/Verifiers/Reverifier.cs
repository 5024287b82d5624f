using System.Runtime.CompilerServices;
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

    /// <summary>The error of a re-verification whose process stopped before it finished, as the next one of the run finds it.</summary>
    public const string InterruptedError = "interrupted: the process stopped before it finished, so no diff was stored; a later re-verification recomputes the run";

    /// <summary>
    /// Responses compared at a time: their verdicts (one per response and version) are all the diff holds in memory, so a
    /// run of any size re-verifies in the same memory. Settable for tests of the chunk boundaries.
    /// </summary>
    internal int ResponsesPerChunk { get; set; } = 2_000;

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
            await EndInterruptedAsync(db, runId, reverificationId, cancellationToken);
            row.State = ReverificationState.Running;
            await db.SaveChangesAsync(cancellationToken);
        }
        try
        {
            var diff = await ReverifyAsync(reverificationId, runId, instructionId, cancellationToken);
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

    /// <summary>
    /// The caller holds the run's lock, so another re-verification of the run still marked running has no process left
    /// (it was killed mid-way, decision 032): it ends as failed, saying so, and the baseline rows it left are deleted here
    /// rather than kept until the run is deleted.
    /// </summary>
    private async Task EndInterruptedAsync(AutoIfDbContext db, int runId, int reverificationId, CancellationToken ct)
    {
        var interrupted = db.Reverifications.Where(r => r.RunId == runId && r.Id != reverificationId && r.State == ReverificationState.Running);
        await db.ReverificationVerdicts.Where(v => interrupted.Select(r => r.Id).Contains(v.ReverificationId)).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        await interrupted.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, ReverificationState.Failed).SetProperty(r => r.Error, InterruptedError).SetProperty(r => r.FinishedAt, now), ct);
    }

    private async Task<ReverificationDiff> ReverifyAsync(int reverificationId, int runId, int? instructionId, CancellationToken ct)
    {
        List<StageProgress> progressBefore;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            progressBefore = await db.StageProgress.AsNoTracking().Where(p => p.RunId == runId).ToListAsync(ct);
        }
        var completed = progressBefore.Where(p => p.Completed).Select(p => p.Stage).ToHashSet();
        var before = await SnapshotAsync(runId, instructionId, ct);
        var responsesBefore = await BaselineAsync(reverificationId, runId, instructionId, ct);
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
        return await DiffAsync(reverificationId, runId, instructionId, before, responsesBefore, after, newlyPassing, ct);
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
        // Only those cross-validated again: one dropped there whose functions are all decided (no edit) stays dropped, as
        // nothing would decide it again.
        await scope.Where(i => validated.Contains(i.Id) && i.Status == ItemStatus.Dropped && i.DropStage == PipelineStage.CrossValidate)
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
        // The baseline served the diff; it is stored now (or the re-verification failed).
        await db.ReverificationVerdicts.Where(v => v.ReverificationId == reverificationId).ExecuteDeleteAsync(ct);
        await db.Reverifications.Where(r => r.Id == reverificationId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, state).SetProperty(r => r.Error, error).SetProperty(r => r.Diff, diff).SetProperty(r => r.FinishedAt, now), ct);
    }

    private sealed record ItemState(ItemStatus Effective, string? Reason, bool PassesCrossValidation);

    private sealed record VerdictAt(int Version, VerdictKind Kind, string? Detail, int VerifierId);

    /// <summary>A response's effective state before, compact: a run holds hundreds of thousands.</summary>
    private readonly record struct ResponseBefore(ItemStatus Effective, bool Sft);

    private sealed record ResponseRow(long Id, ItemStatus Status, ReviewState ReviewState, string? DropReason, int Round)
    {
        public ItemStatus Effective => EffectiveStatus.Of(Status, ReviewState);

        // An SFT row is a kept response of the run's own sampling (round 0).
        public bool Sft => Round == 0 && Effective == ItemStatus.Kept;
    }

    /// <summary>
    /// The run as it stands, but for verdicts and responses: those are compared chunk by chunk (<see cref="BaselineAsync"/>,
    /// <see cref="DiffAsync"/>) so that no re-verification holds all of a run's verdicts in memory.
    /// </summary>
    private sealed record Snapshot(
        Dictionary<int, ItemState> Instructions,
        HashSet<(PairLevel, int, long?, long?, int?, int?)> Pairs,
        IReadOnlyList<FunnelCount> Funnel);

    private async Task<Snapshot> SnapshotAsync(int runId, int? instructionId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var scope = db.Instructions.AsNoTracking().Where(i => i.RunId == runId && (instructionId == null || i.Id == instructionId));
        var instructions = (await scope.Select(i => new { i.Id, i.Status, i.ReviewState, i.DropStage, i.DropReason }).ToListAsync(ct))
            .ToDictionary(i => i.Id, i => new ItemState(EffectiveStatus.Of(i.Status, i.ReviewState), i.DropReason,
                i.Status != ItemStatus.Dropped || (i.DropStage is { } stage && stage > PipelineStage.CrossValidate)));
        var pairRows = await db.DpoPairs.AsNoTracking().Where(p => p.RunId == runId && scope.Select(i => i.Id).Contains(p.InstructionId))
            .Select(p => new { p.Level, p.Round, p.ChosenResponseId, p.RejectedResponseId, p.ChosenCaseId, p.RejectedCaseId }).ToListAsync(ct);
        var funnelSteps = await funnel.ExecuteAsync(runId, ct);
        return new Snapshot(instructions,
            [.. pairRows.Select(p => (p.Level, p.Round, p.ChosenResponseId, p.RejectedResponseId, p.ChosenCaseId, p.RejectedCaseId))],
            [.. funnelSteps.Select(s => new FunnelCount(s.Name, s.Unit, s.Count))]);
    }

    /// <summary>
    /// Before the verdicts are recomputed: each response's effective state (returned) and, stored as the re-verification's
    /// baseline rows, each lineage's latest verdict on it.
    /// </summary>
    private async Task<Dictionary<long, ResponseBefore>> BaselineAsync(int reverificationId, int runId, int? instructionId, CancellationToken ct)
    {
        var states = new Dictionary<long, ResponseBefore>();
        var versions = await VersionsAsync(runId, instructionId, ct);
        await foreach (var chunk in ResponseChunksAsync(runId, instructionId, ct))
        {
            foreach (var response in chunk)
            {
                states[response.Id] = new ResponseBefore(response.Effective, response.Sft);
            }
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            var latest = await LatestVerdictsAsync(db, versions, chunk[0].Id, chunk[^1].Id, ct);
            if (latest.Count == 0)
            {
                continue;
            }
            var rows = latest.Select(l => new ReverificationVerdict
            {
                ReverificationId = reverificationId, ResponseId = l.Key.Response, Lineage = l.Key.Lineage,
                VerifierId = l.Value.VerifierId, Version = l.Value.Version, Kind = l.Value.Kind, Detail = l.Value.Detail,
            }).ToList();
            var columns = new JsonRowColumns<ReverificationVerdict>(db).Add(v => v.ReverificationId).Add(v => v.ResponseId).Add(v => v.Lineage)
                .Add(v => v.VerifierId).Add(v => v.Version).Add(v => v.Kind).Add(v => v.Detail);
            await JsonRows.ExecuteAsync(db, $$"""INSERT INTO {{columns.Table}} ({{columns.Names}}) SELECT {{columns.Values}} FROM {0}""", columns.Serialize(rows), ct);
        }
        return states;
    }

    /// <summary>Every version of the verifiers in scope: its lineage (first version's id) and number.</summary>
    private sealed record Versions(List<int> Ids, Dictionary<int, int> Lineage, Dictionary<int, int> Number);

    private async Task<Versions> VersionsAsync(int runId, int? instructionId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var scope = db.Instructions.Where(i => i.RunId == runId && (instructionId == null || i.Id == instructionId)).Select(i => i.Id);
        var versions = await db.Verifiers.AsNoTracking().Where(v => scope.Contains(v.InstructionId))
            .Select(v => new { v.Id, v.PreviousVersionId, v.Version }).ToListAsync(ct);
        return new Versions([.. versions.Select(v => v.Id)], VerifierLineage.FirstVersions(versions.Select(v => (v.Id, v.PreviousVersionId))),
            versions.ToDictionary(v => v.Id, v => v.Version));
    }

    /// <summary>The responses in scope in id order, a chunk at a time (keyset paging: each chunk costs the same at any depth).</summary>
    private async IAsyncEnumerable<List<ResponseRow>> ResponseChunksAsync(int runId, int? instructionId, [EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            List<ResponseRow> chunk;
            await using (var db = await contextFactory.CreateDbContextAsync(ct))
            {
                var scope = db.Instructions.Where(i => i.RunId == runId && (instructionId == null || i.Id == instructionId)).Select(i => i.Id);
                chunk = await db.Responses.AsNoTracking().Where(r => r.RunId == runId && r.Id > after && scope.Contains(r.InstructionId))
                    .OrderBy(r => r.Id).Take(ResponsesPerChunk)
                    .Select(r => new ResponseRow(r.Id, r.Status, r.ReviewState, r.DropReason, r.Round)).ToListAsync(ct);
            }
            if (chunk.Count == 0)
            {
                yield break;
            }
            yield return chunk;
            if (chunk.Count < ResponsesPerChunk)
            {
                yield break;
            }
            after = chunk[^1].Id;
        }
    }

    /// <summary>For the responses with ids from <paramref name="first"/> to <paramref name="last"/>: each lineage's verdict from its latest version that judged the response.</summary>
    private static async Task<Dictionary<(long Response, int Lineage), VerdictAt>> LatestVerdictsAsync(AutoIfDbContext db, Versions versions, long first, long last, CancellationToken ct)
    {
        var ids = versions.Ids;
        var rows = await db.Verdicts.AsNoTracking().Where(v => v.ResponseId >= first && v.ResponseId <= last && ids.Contains(v.VerifierId))
            .OrderBy(v => v.ResponseId).ThenBy(v => v.VerifierId).ToListAsync(ct);
        var latest = new Dictionary<(long, int), VerdictAt>();
        foreach (var verdict in rows)
        {
            // The latest version that judged the response speaks for its verifier.
            var key = (verdict.ResponseId, versions.Lineage[verdict.VerifierId]);
            var at = new VerdictAt(versions.Number[verdict.VerifierId], verdict.Kind, verdict.Detail, verdict.VerifierId);
            if (!latest.TryGetValue(key, out var seen) || seen.Version < at.Version)
            {
                latest[key] = at;
            }
        }
        return latest;
    }

    private sealed class LineageFlips(VerdictAt now, int from)
    {
        public VerdictAt Now { get; } = now;
        public int From { get; } = from;
        public int TrueToFalse { get; set; }
        public int FalseToTrue { get; set; }
        public List<(long Response, VerdictAt Old, VerdictAt New)> Examples { get; } = [];
    }

    private async Task<ReverificationDiff> DiffAsync(int reverificationId, int runId, int? instructionId, Snapshot before, Dictionary<long, ResponseBefore> responsesBefore,
        Snapshot after, IReadOnlyList<int> newlyPassing, CancellationToken ct)
    {
        var flips = new Dictionary<int, LineageFlips>();
        var responseChanges = new List<KeptChange>();
        var (responsesChanged, sftAdded, sftRemoved) = (0, 0, 0);
        var versions = await VersionsAsync(runId, instructionId, ct);
        await foreach (var chunk in ResponseChunksAsync(runId, instructionId, ct))
        {
            foreach (var response in chunk)
            {
                if (!responsesBefore.TryGetValue(response.Id, out var was))
                {
                    continue;
                }
                if (was.Effective != response.Effective)
                {
                    responsesChanged++;
                    if (responseChanges.Count < ChangesKept)
                    {
                        responseChanges.Add(new KeptChange(response.Id, Name(was.Effective), Name(response.Effective), response.DropReason));
                    }
                }
                sftAdded += response.Sft && !was.Sft ? 1 : 0;
                sftRemoved += was.Sft && !response.Sft ? 1 : 0;
            }
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            var (first, last) = (chunk[0].Id, chunk[^1].Id);
            var now = await LatestVerdictsAsync(db, versions, first, last, ct);
            var old = await db.ReverificationVerdicts.AsNoTracking()
                .Where(b => b.ReverificationId == reverificationId && b.ResponseId >= first && b.ResponseId <= last)
                .ToDictionaryAsync(b => (b.ResponseId, b.Lineage), b => new VerdictAt(b.Version, b.Kind, b.Detail, b.VerifierId), ct);
            foreach (var (key, verdict) in now.OrderBy(n => n.Key.Response))
            {
                if (!old.TryGetValue(key, out var was))
                {
                    continue;
                }
                if (!flips.TryGetValue(key.Lineage, out var entry))
                {
                    flips[key.Lineage] = entry = new LineageFlips(verdict, was.Version);
                }
                var (wasTrue, isTrue) = (was.Kind == VerdictKind.True, verdict.Kind == VerdictKind.True);
                if (wasTrue == isTrue)
                {
                    continue;
                }
                if (wasTrue)
                {
                    entry.TrueToFalse++;
                }
                else
                {
                    entry.FalseToTrue++;
                }
                // Chunks come in response order, so the first examples seen are the lowest ids.
                if (entry.Examples.Count < ExamplesPerVerifier)
                {
                    entry.Examples.Add((key.Response, was, verdict));
                }
            }
        }

        Dictionary<long, string> texts;
        Dictionary<int, int> instructionOf;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            var exampleIds = flips.Values.SelectMany(f => f.Examples.Select(x => x.Response)).Distinct().ToList();
            texts = await db.Responses.AsNoTracking().Where(r => exampleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Text.Length > 500 ? r.Text.Substring(0, 500) : r.Text, ct);
            var verifierIds = flips.Values.Select(f => f.Now.VerifierId).ToList();
            instructionOf = await db.Verifiers.AsNoTracking().Where(v => verifierIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.InstructionId, ct);
        }
        var verifiers = flips.Values.OrderBy(f => f.Now.VerifierId)
            .Select(f => new VerifierFlips(f.Now.VerifierId, f.Now.Version, f.From, instructionOf[f.Now.VerifierId], f.TrueToFalse, f.FalseToTrue,
                [.. f.Examples.Select(x => new VerdictFlip(x.Response, texts.GetValueOrDefault(x.Response) ?? "",
                    Name(x.Old.Kind), x.Old.Detail, Name(x.New.Kind), x.New.Detail))]))
            .ToList();
        var instructionChanges = before.Instructions.Where(i => after.Instructions.TryGetValue(i.Key, out var now) && now.PassesCrossValidation != i.Value.PassesCrossValidation)
            .OrderBy(i => i.Key)
            .Select(i => new KeptChange(i.Key, Passes(i.Value), Passes(after.Instructions[i.Key]), after.Instructions[i.Key].Reason)).ToList();
        return new ReverificationDiff(verifiers, responseChanges, responsesChanged, instructionChanges, newlyPassing,
            sftAdded, sftRemoved,
            after.Pairs.Except(before.Pairs).Count(), before.Pairs.Except(after.Pairs).Count(),
            before.Funnel, after.Funnel);
    }

    private static string Passes(ItemState state) => state.PassesCrossValidation ? "passes cross-validation" : "dropped at cross-validation";

    private static string Name<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
