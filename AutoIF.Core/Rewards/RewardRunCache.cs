using System.Collections.Concurrent;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Rewards;

/// <summary>
/// Each run's <see cref="RunRewardSet"/>, loaded on first use and kept until its <see cref="RewardRunStamp"/> changes. The
/// stamp is read at most once per Reward:CacheCheckSeconds per run, so a trainer's stream of requests costs the database
/// one small aggregate query a second, and a verifier edit or a review is seen within that time. One request reads it;
/// those arriving meanwhile are served from the set as it was, so a check never holds up the stream.
/// </summary>
public sealed class RewardRunCache(IDbContextFactory<AutoIfDbContext> contextFactory, IOptions<RewardOptions> options, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <summary>The run's set; <see cref="RewardLabelException"/> when no run has that name.</summary>
    public async ValueTask<RunRewardSet> GetAsync(string runName, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(runName, out var entry) && !IsDue(entry))
        {
            return entry.Set;
        }
        if (entry is null)
        {
            await _refresh.WaitAsync(cancellationToken);
        }
        else if (!_refresh.Wait(0, CancellationToken.None))
        {
            // Another request is checking: go on with the set as of the last check rather than queue behind the database
            // (under a trainer's load, every request that arrived during a check would otherwise pay for it).
            return entry.Set;
        }
        try
        {
            if (_entries.TryGetValue(runName, out entry) && !IsDue(entry))
            {
                return entry.Set;
            }
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var loaded = false;
            var stamp = entry is null ? null : await StampAsync(db, entry.Set.RunId, cancellationToken);
            if (stamp is null || stamp.Name != runName)
            {
                // Not cached, or deleted or renamed since: look the name up afresh.
                entry = null;
                var runId = await db.Runs.Where(r => r.Name == runName).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
                stamp = runId is null ? null : await StampAsync(db, runId.Value, cancellationToken);
                if (runId is null || stamp is null)
                {
                    _entries.TryRemove(runName, out _);
                    throw new RewardLabelException($"unknown label: no run named '{runName}'");
                }
                entry = new Entry(await LoadAsync(db, runId.Value, runName, cancellationToken), stamp, time.GetUtcNow());
                loaded = true;
            }
            var set = loaded || (entry!.Stamp == stamp && !stamp.MayChangeUnseen) ? entry!.Set : await LoadAsync(db, entry.Set.RunId, runName, cancellationToken);
            _entries[runName] = new Entry(set, stamp, time.GetUtcNow());
            return set;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsDue(Entry entry) => time.GetUtcNow() - entry.CheckedAt >= TimeSpan.FromSeconds(options.Value.CacheCheckSeconds);

    private static async Task<RewardRunStamp?> StampAsync(AutoIfDbContext db, int runId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.Where(r => r.Id == runId).Select(r => new { r.Name, r.Status }).FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }
        var verifiers = db.Verifiers.Where(v => v.RunId == runId);
        var prompts = db.ComposedPrompts.Where(p => p.RunId == runId);
        return new RewardRunStamp(run.Name, run.Status,
            await verifiers.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0,
            await verifiers.CountAsync(cancellationToken),
            await db.Reviews.Where(r => r.RunId == runId).MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0,
            await prompts.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0,
            await prompts.CountAsync(cancellationToken));
    }

    private async Task<RunRewardSet> LoadAsync(AutoIfDbContext db, int runId, string runName, CancellationToken cancellationToken)
    {
        var settings = await db.RunSettingsAsync(runId, cancellationToken);
        var prompts = await db.ComposedPrompts.Where(p => p.RunId == runId).Select(p => p.Id).ToListAsync(cancellationToken);
        var instructions = await db.Instructions.Where(i => i.RunId == runId).Select(i => i.Id).ToListAsync(cancellationToken);
        // A constraint's functions decide it when it has any, else (with Reward:Questions) its questions, as in Verify.
        var kept = await RewardVerifierQuery.Scoring(db, options.Value.Questions).Where(v => v.RunId == runId).AsNoTracking().OrderBy(v => v.Id)
            .Select(v => new { v.InstructionId, v.Id, v.Source, v.Kind }).ToListAsync(cancellationToken);
        return new RunRewardSet(runId, runName, settings.Verify, prompts.ToHashSet(), instructions.ToHashSet(),
            kept.GroupBy(v => v.InstructionId).ToDictionary(
                g => g.Key, IReadOnlyList<RewardVerifier> (g) => g.Select(v => new RewardVerifier(v.Id, v.Source, v.Kind)).ToList()));
    }

    private sealed record Entry(RunRewardSet Set, RewardRunStamp Stamp, DateTimeOffset CheckedAt);
}
