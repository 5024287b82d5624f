using System.Collections.Concurrent;
using AutoIF.Core.Llm;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Each run's Run:MaxModelCalls budget while it works. The calls used are the model calls stored for the run (every call
/// sent is stored, a cached answer is not a call), counted once when the run's work starts and then in memory, so
/// concurrent calls of a batch cannot overshoot. The orchestrator forgets a run's budget when its work starts, so a resume
/// reads the (possibly raised) setting and the calls used again.
/// </summary>
public sealed class RunCallBudgets(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    private readonly ConcurrentDictionary<int, Task<Budget?>> _budgets = new();

    /// <summary>The run's budget, null when it has none.</summary>
    public async Task<ILlmCallBudget?> ForAsync(int runId, CancellationToken cancellationToken) =>
        await _budgets.GetOrAdd(runId, id => LoadAsync(id, CancellationToken.None)).WaitAsync(cancellationToken);

    public void Forget(int runId) => _budgets.TryRemove(runId, out _);

    /// <summary>Model calls the run's stages stored: what its budget counts (rewards and Playground questions are not its work).</summary>
    public async Task<long> UsedAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.LlmCalls.LongCountAsync(c => c.RunId == runId && c.Stage != null, cancellationToken);
    }

    private async Task<Budget?> LoadAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.RunSettingsAsync(runId, cancellationToken);
        return settings.Run.MaxModelCalls is { } max ? new Budget(max, await UsedAsync(runId, cancellationToken)) : null;
    }

    private sealed class Budget(int max, long used) : ILlmCallBudget
    {
        private long _used = used;

        public void Take()
        {
            if (Interlocked.Increment(ref _used) > max)
            {
                var before = Interlocked.Decrement(ref _used);
                throw new ModelCallBudgetReachedException(max, before);
            }
        }
    }
}
