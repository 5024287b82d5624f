using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Deletes a run and everything of it: its rows in every table, its export files, its lock file and the cached model
/// calls no other run uses. The run page and <c>run delete</c> both call it. A live run (<see cref="RunLiveness"/>:
/// running, or queued) is refused; the run's lock is held throughout, so no job starts on it meanwhile
/// (docs/decisions/015-deleting-runs.md).
/// </summary>
public sealed class RunDeleter(IDbContextFactory<AutoIfDbContext> contextFactory, RunLiveness liveness, RunLock runLock, IOptions<StorageOptions> storage)
{
    public async Task<RunDeletionPreview> PreviewAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Runs.Where(r => r.Id == runId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"There is no run #{runId}.");
        return new RunDeletionPreview(
            runId,
            name,
            await db.Instructions.LongCountAsync(i => i.RunId == runId, cancellationToken),
            await db.Responses.LongCountAsync(r => r.RunId == runId, cancellationToken),
            (await ExportFilesAsync(db, runId, cancellationToken)).Count);
    }

    public async Task<RunDeletion> DeleteAsync(int runId, CancellationToken cancellationToken = default)
    {
        var seen = await FindAsync(runId, cancellationToken);
        RefuseLive(seen.Name, await liveness.StateAsync(runId, seen.Status, cancellationToken));
        await using var held = await runLock.TryAcquireAsync(runId, TimeSpan.Zero, cancellationToken);
        if (held is null)
        {
            RefuseLive(seen.Name, RunState.Running);
        }
        // Queued between the first look and the lock: a job server would take it once we let go.
        var run = await FindAsync(runId, cancellationToken);
        RefuseLive(run.Name, RunLiveness.Of(run.Status, lockHeld: false));

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var files = await ExportFilesAsync(db, runId, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        var deletion = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await DeleteRowsAsync(db, run, files, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
        // Files after the commit: a rolled-back delete must not have lost them.
        foreach (var file in files)
        {
            File.Delete(Path.Combine(storage.Value.ExportsFolderPath, file));
        }
        runLock.RemoveLockFile(runId);
        return deletion;
    }

    // Children before parents, so every foreign key (Restrict ones included) holds at each statement on both providers.
    private static async Task<RunDeletion> DeleteRowsAsync(AutoIfDbContext db, Run run, IReadOnlyList<string> files, CancellationToken ct)
    {
        var id = run.Id;
        var verifiers = db.Verifiers.Where(v => v.RunId == id).Select(v => v.Id);
        var responses = db.Responses.Where(r => r.RunId == id).Select(r => r.Id);
        var cases = db.TestCases.Where(c => c.RunId == id).Select(c => c.Id);

        // A call this run made stays when another run's stored items were made from it (a clone's cache hits); it then
        // belongs to no run. Cache hits of other stages are not recorded, so nothing else can show that a call is used.
        var ownCalls = db.LlmCalls.Where(c => c.RunId == id);
        var usedElsewhere = ownCalls.Where(c =>
            db.Verifiers.Any(v => v.RunId != id && v.LlmCallId == c.Id) || db.Responses.Any(r => r.RunId != id && r.LlmCallId == c.Id));
        var callsKept = await usedElsewhere.ExecuteUpdateAsync(s => s.SetProperty(c => c.RunId, (int?)null), ct);
        var callsDeleted = await db.LlmCalls.Where(c => c.RunId == id).ExecuteDeleteAsync(ct);

        await db.Verdicts.Where(v => responses.Contains(v.ResponseId) || verifiers.Contains(v.VerifierId)).ExecuteDeleteAsync(ct);
        await db.ConstraintResults.Where(c => c.RunId == id).ExecuteDeleteAsync(ct);
        await db.PromptConstraints.Where(c => c.RunId == id).ExecuteDeleteAsync(ct);
        await db.ConstraintCompatibilities.Where(c => c.RunId == id).ExecuteDeleteAsync(ct);
        await db.DpoPairs.Where(p => p.RunId == id).ExecuteDeleteAsync(ct);
        await db.Reviews.Where(r => r.RunId == id).ExecuteDeleteAsync(ct);
        var responseCount = await db.Responses.Where(r => r.RunId == id).ExecuteDeleteAsync(ct);
        await db.ComposedPrompts.Where(p => p.RunId == id).ExecuteDeleteAsync(ct);
        await db.CaseResults.Where(r => verifiers.Contains(r.VerifierId) || cases.Contains(r.TestCaseId)).ExecuteDeleteAsync(ct);
        await db.BackTranslations.Where(b => b.RunId == id).ExecuteDeleteAsync(ct);
        await db.TestCases.Where(c => c.RunId == id).ExecuteDeleteAsync(ct);
        // Versions point at their predecessors (Restrict): unlink them before the verifiers go.
        await db.Verifiers.Where(v => v.RunId == id && v.PreviousVersionId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.PreviousVersionId, (int?)null), ct);
        await db.Verifiers.Where(v => v.RunId == id).ExecuteDeleteAsync(ct);
        // The SQLite full-text index follows through its delete trigger (docs/decisions/008).
        var instructionCount = await db.Instructions.Where(i => i.RunId == id).ExecuteDeleteAsync(ct);
        await db.Queries.Where(q => q.RunId == id).ExecuteDeleteAsync(ct);
        await db.StageProgress.Where(p => p.RunId == id).ExecuteDeleteAsync(ct);
        await db.Reverifications.Where(r => r.RunId == id).ExecuteDeleteAsync(ct);
        await db.ExportRecords.Where(e => e.RunId == id).ExecuteDeleteAsync(ct);
        // A multi-run export file held this run's rows too and goes with it; the other runs keep their record of the export.
        await db.ExportRecords.Where(e => e.FileName != null && files.Contains(e.FileName))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FileName, (string?)null), ct);
        // The Export page's jobs for those files: their download would find nothing.
        await db.ExportJobs.Where(e => files.Contains(e.FileName)).ExecuteDeleteAsync(ct);
        await db.Runs.Where(r => r.ClonedFromRunId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClonedFromRunId, (int?)null), ct);
        await db.Runs.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        return new RunDeletion(run.Name, instructionCount, responseCount, callsDeleted, callsKept, files.Count);
    }

    /// <summary>The run's export files that exist in the exports folder (a CLI export's record names a file elsewhere).</summary>
    private async Task<IReadOnlyList<string>> ExportFilesAsync(AutoIfDbContext db, int runId, CancellationToken ct)
    {
        var names = await db.ExportRecords.Where(e => e.RunId == runId && e.FileName != null).Select(e => e.FileName!).Distinct().ToListAsync(ct);
        var folder = storage.Value.ExportsFolderPath;
        return [.. names.Where(n => Path.GetFileName(n) == n && n.Length > 0 && File.Exists(Path.Combine(folder, n))).Order(StringComparer.Ordinal)];
    }

    private async Task<Run> FindAsync(int runId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new ArgumentException($"There is no run #{runId}.");
    }

    private static void RefuseLive(string name, RunState state)
    {
        if (state is RunState.Running or RunState.Queued)
        {
            throw new InvalidOperationException(
                $"Run '{name}' is {state.ToString().ToLowerInvariant()}: cancel it first (`run cancel {name}` or Cancel on its page), then delete it.");
        }
    }
}
