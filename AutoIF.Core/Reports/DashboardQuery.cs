using AutoIF.Core.Domain.State;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>Runs with live progress, and per-run histograms and review overrides, counted in SQL.</summary>
public sealed class DashboardQuery(IDbContextFactory<AutoIfDbContext> contextFactory, RunLiveness liveness)
{
    private const int Buckets = 10;

    public async Task<IReadOnlyList<DashboardRun>> RunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.Status, r.CurrentStage, r.Error, r.IsDemo, r.CreatedAt, r.StartedAt, r.FinishedAt })
            .ToListAsync(cancellationToken);
        var progress = (await db.StageProgress.AsNoTracking()
            .Select(p => new { p.RunId, p.Stage, p.Done, p.Total, p.Completed, p.Message }).ToListAsync(cancellationToken))
            .ToLookup(p => p.RunId, p => new StageProgressRow(p.Stage, p.Done, p.Total, p.Completed, p.Message));
        var states = await liveness.StatesAsync(runs.Select(r => (r.Id, r.Status)), cancellationToken);
        return [.. runs.Select(r => new DashboardRun(r.Id, r.Name, states[r.Id], r.CurrentStage, r.Error, r.IsDemo, r.CreatedAt, r.StartedAt, r.FinishedAt,
            [.. progress[r.Id].OrderBy(p => p.Stage)]))];
    }

    public async Task<RunHistograms> HistogramsAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var verifiers = await db.Verifiers.Where(v => v.RunId == runId && v.CaseAccuracy != null)
            .GroupBy(v => (int)(v.CaseAccuracy!.Value * Buckets)).Select(g => new { Bucket = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var responses = await db.Responses.Where(r => r.RunId == runId && r.Accuracy != null)
            .GroupBy(r => (int)(r.Accuracy!.Value * Buckets)).Select(g => new { Bucket = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var scores = await db.Responses.Where(r => r.RunId == runId && r.JudgeScore != null)
            .GroupBy(r => (int)r.JudgeScore!.Value).Select(g => new { Score = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return new RunHistograms(
            Shares(verifiers.Select(v => (v.Bucket, v.Count))),
            Shares(responses.Select(r => (r.Bucket, r.Count))),
            [.. Enumerable.Range(0, 11).Select(s => new HistogramBucket(s.ToString(System.Globalization.CultureInfo.InvariantCulture), s, s + 1,
                scores.Where(x => Math.Clamp(x.Score, 0, 10) == s).Sum(x => x.Count)))]);
    }

    public async Task<ReviewOverrides> OverridesAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var instructions = db.Instructions.Where(i => i.RunId == runId);
        var verifiers = db.Verifiers.Where(v => v.RunId == runId);
        return new ReviewOverrides(
            await instructions.CountAsync(i => i.Status == ItemStatus.Kept, cancellationToken),
            await instructions.CountAsync(EffectiveStatus.Is<Instruction>(ItemStatus.Kept), cancellationToken),
            await verifiers.CountAsync(v => v.Status == ItemStatus.Kept, cancellationToken),
            await verifiers.CountAsync(EffectiveStatus.Is<Verifier>(ItemStatus.Kept), cancellationToken),
            await instructions.CountAsync(i => i.ReviewState == ReviewState.Approved, cancellationToken) + await verifiers.CountAsync(v => v.ReviewState == ReviewState.Approved, cancellationToken),
            await instructions.CountAsync(i => i.ReviewState == ReviewState.Rejected, cancellationToken) + await verifiers.CountAsync(v => v.ReviewState == ReviewState.Rejected, cancellationToken));
    }

    /// <summary>The run's stored DPO pairs, and those the pair rule keeps: a rejected pair, or one whose response a reviewer rejected, is not counted.</summary>
    public async Task<PairCounts> PairsAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pairs = db.WithSides(db.DpoPairs.Where(p => p.RunId == runId));
        return new PairCounts(await pairs.LongCountAsync(cancellationToken), await pairs.LongCountAsync(PairQueries.Kept, cancellationToken));
    }

    // Shares in [0, 1] in ten buckets; 1.0 itself falls into the last one.
    private static List<HistogramBucket> Shares(IEnumerable<(int Bucket, long Count)> rows)
    {
        var counts = new long[Buckets];
        foreach (var (bucket, count) in rows)
        {
            counts[Math.Clamp(bucket, 0, Buckets - 1)] += count;
        }
        return [.. counts.Select((count, b) => new HistogramBucket(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b / (double)Buckets:0.0}–{(b + 1) / (double)Buckets:0.0}"),
            b / (double)Buckets, (b + 1) / (double)Buckets, count))];
    }
}
