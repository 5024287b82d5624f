using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// The stored plans of stages split into chunk jobs (decision 039): the coordinator writes a plan and watches it, chunk
/// jobs start and finish their chunk. Finishing happens inside the transaction that stores the chunk's rows.
/// </summary>
public sealed class StageChunkStore(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>The stage's current plan, by index; empty when it has none.</summary>
    public async Task<List<StageChunk>> ReadAsync(int runId, PipelineStage stage, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.StageChunks.AsNoTracking().Where(c => c.RunId == runId && c.Stage == stage).OrderBy(c => c.Index).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the stage's plan by chunks of <paramref name="size"/> of the <paramref name="pending"/> response ids (sorted),
    /// each carrying the probe's decisions for its responses. The old plan's jobs then find no chunk and do nothing.
    /// </summary>
    public async Task<List<StageChunk>> ReplaceAsync(
        int runId, PipelineStage stage, int? round, IReadOnlyList<long> pending, int size, VerifierTimeoutProbeResult probe, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var chunks = new List<StageChunk>();
        for (var start = 0; start < pending.Count; start += size)
        {
            var (first, last) = (pending[start], pending[Math.Min(start + size, pending.Count) - 1]);
            chunks.Add(new StageChunk
            {
                RunId = runId, Stage = stage, Round = round, Index = chunks.Count, FirstResponseId = first, LastResponseId = last,
                Responses = Math.Min(size, pending.Count - start), DecisionsJson = StageChunkDecisions.Of(probe, first, last).ToJson(),
            });
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StageChunks.Where(c => c.RunId == runId && c.Stage == stage).ExecuteDeleteAsync(cancellationToken);
        db.StageChunks.AddRange(chunks);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return chunks;
    }

    /// <summary>The chunk's state now; null when it is gone.</summary>
    public async Task<StageChunkState?> StateAsync(long chunkId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.StageChunks.Where(c => c.Id == chunkId).Select(c => (StageChunkState?)c.State).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task DeleteAsync(int runId, PipelineStage stage, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.StageChunks.Where(c => c.RunId == runId && c.Stage == stage).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Records the job queued for the chunk; a failed chunk is pending again.</summary>
    public async Task QueuedAsync(long chunkId, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.StageChunks.Where(c => c.Id == chunkId && c.State != StageChunkState.Done)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.JobId, jobId).SetProperty(c => c.State, StageChunkState.Pending), cancellationToken);
    }

    /// <summary>
    /// The chunk, its attempts counted, when there is work for a job: null when it is gone (its stage was planned again
    /// or completed), already done, or its run is no longer queued or running (cancelled, failed, paused).
    /// </summary>
    public async Task<StageChunk?> StartAttemptAsync(long chunkId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chunk = await db.StageChunks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == chunkId, cancellationToken);
        if (chunk is null || chunk.State == StageChunkState.Done)
        {
            return null;
        }
        var status = await db.Runs.Where(r => r.Id == chunk.RunId).Select(r => r.Status).SingleAsync(cancellationToken);
        if (status is not (RunStatus.Running or RunStatus.Queued))
        {
            return null;
        }
        await db.StageChunks.Where(c => c.Id == chunkId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
        return chunk;
    }

    /// <summary>Records why an attempt failed (it stored nothing: its transaction never committed).</summary>
    public async Task FailAsync(long chunkId, string error, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.StageChunks.Where(c => c.Id == chunkId && c.State != StageChunkState.Done)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, StageChunkState.Failed).SetProperty(c => c.Error, error), cancellationToken);
    }

    /// <summary>
    /// Marks the chunk done inside <paramref name="db"/>'s open transaction, the one storing its rows; false when another
    /// attempt finished it first or it is gone, and the caller must then roll back. On PostgreSQL the update waits for a
    /// concurrent attempt's transaction and then sees its mark; on SQLite writers take turns.
    /// </summary>
    public async Task<bool> TryFinishAsync(AutoIfDbContext db, long chunkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        return await db.StageChunks.Where(c => c.Id == chunkId && c.State != StageChunkState.Done)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, StageChunkState.Done).SetProperty(c => c.FinishedAt, now).SetProperty(c => c.Error, (string?)null), cancellationToken) == 1;
    }
}
