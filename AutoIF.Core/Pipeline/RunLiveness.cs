using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// The one rule for whether a run is being worked on: the stored status says what the last process to touch it meant,
/// the run's lock (<see cref="RunLock"/>) says whether such a process is still there. Running or queued with the lock held
/// is <see cref="RunState.Running"/>; running with the lock free is <see cref="RunState.Interrupted"/>; queued with the
/// lock free is <see cref="RunState.Queued"/>, waiting for a job server. The CLI, the pages, starting a run and the job
/// server's resume sweep all ask here.
/// </summary>
public sealed class RunLiveness(IDbContextFactory<AutoIfDbContext> contextFactory, RunLock runLock)
{
    public static RunState Of(RunStatus stored, bool lockHeld) => stored switch
    {
        RunStatus.Queued or RunStatus.Running when lockHeld => RunState.Running,
        RunStatus.Running => RunState.Interrupted,
        RunStatus.Queued => RunState.Queued,
        RunStatus.Draft => RunState.Draft,
        RunStatus.Paused => RunState.Paused,
        RunStatus.Cancelled => RunState.Cancelled,
        RunStatus.Completed => RunState.Completed,
        RunStatus.Failed => RunState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(stored), stored, "Unknown run status."),
    };

    public async Task<RunState> StateAsync(int runId, RunStatus stored, CancellationToken cancellationToken = default) =>
        (await StatesAsync([(runId, stored)], cancellationToken))[runId];

    /// <summary>The states of runs read with these statuses. Only queued and running runs cost a look at their lock.</summary>
    public async Task<IReadOnlyDictionary<int, RunState>> StatesAsync(IEnumerable<(int RunId, RunStatus Stored)> runs, CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<int, RunState>();
        var unlocked = new Dictionary<int, RunStatus>();
        foreach (var (runId, stored) in runs)
        {
            if (stored is RunStatus.Queued or RunStatus.Running && !await runLock.IsHeldAsync(runId, cancellationToken))
            {
                unlocked[runId] = stored;
            }
            else
            {
                states[runId] = Of(stored, lockHeld: stored is RunStatus.Queued or RunStatus.Running);
            }
        }
        if (unlocked.Count > 0)
        {
            // A process stores how its run ended before it lets go of the lock: one that finished between the caller's read
            // and the look at its lock would otherwise show as interrupted.
            var ids = unlocked.Keys.ToList();
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status, cancellationToken);
            foreach (var (runId, stored) in unlocked)
            {
                states[runId] = Of(now.GetValueOrDefault(runId, stored), lockHeld: false);
            }
        }
        return states;
    }
}
