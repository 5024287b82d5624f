using System.Text.Json;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Verifiers;

/// <summary>The stored re-verifications of runs: queued, read back with their diff.</summary>
public sealed class ReverificationStore(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A queued re-verification of the run, or of one instruction of it (which must be the run's).</summary>
    public async Task<int> CreateAsync(int runId, int? instructionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Name }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"There is no run #{runId}.");
        if (instructionId is { } id && !await db.Instructions.AnyAsync(i => i.Id == id && i.RunId == runId, cancellationToken))
        {
            throw new ArgumentException($"Run '{run.Name}' has no instruction {id}.");
        }
        var cv = await db.StageProgress.AnyAsync(p => p.RunId == runId && p.Stage == PipelineStage.CrossValidate && p.Completed, cancellationToken);
        if (!cv)
        {
            throw new ArgumentException($"Run '{run.Name}' has not been cross-validated yet, so there is nothing to re-verify: `verify --run {run.Name}` runs its verification first.");
        }
        var row = new Reverification { RunId = runId, InstructionId = instructionId, State = ReverificationState.Queued, CreatedAt = clock.GetUtcNow() };
        db.Reverifications.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>Ends a queued re-verification that could not start, with why.</summary>
    public async Task RefuseAsync(int reverificationId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Reverifications.Where(r => r.Id == reverificationId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, ReverificationState.Failed).SetProperty(r => r.Error, reason).SetProperty(r => r.FinishedAt, now), cancellationToken);
    }

    public async Task<ReverificationRecord?> FindAsync(int reverificationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Reverifications.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reverificationId, cancellationToken);
        return row is null ? null : Record(row);
    }

    /// <summary>The run's re-verifications, newest first.</summary>
    public async Task<IReadOnlyList<ReverificationRecord>> ListAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Reverifications.AsNoTracking().Where(r => r.RunId == runId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(Record)];
    }

    private static ReverificationRecord Record(Reverification row) =>
        new(row.Id, row.RunId, row.InstructionId, row.State, row.CreatedAt, row.FinishedAt, row.Error,
            row.Diff is null ? null : JsonSerializer.Deserialize<ReverificationDiff>(row.Diff, Json));
}
