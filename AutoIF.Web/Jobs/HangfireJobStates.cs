using System.Collections.Frozen;
using Hangfire;
using Hangfire.States;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire states the schedulers ask a job about before they give its run or export a new one.</summary>
public static class HangfireJobStates
{
    /// <summary>In the queue, scheduled or waiting for another job: a worker will take it.</summary>
    public static readonly FrozenSet<string> Waiting =
        new[] { EnqueuedState.StateName, ScheduledState.StateName, AwaitingState.StateName }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary><see cref="Waiting"/>, or just taken by a worker (processing): about to take its run's lock.</summary>
    public static readonly FrozenSet<string> WaitingOrStarting = Waiting.Append(ProcessingState.StateName).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether job <paramref name="jobId"/> exists in <paramref name="storage"/> in one of <paramref name="states"/>.</summary>
    public static bool IsIn(JobStorage storage, string? jobId, FrozenSet<string> states)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(states);
        if (jobId is null)
        {
            return false;
        }
        using var connection = storage.GetConnection();
        return connection.GetJobData(jobId)?.State is { } state && states.Contains(state);
    }
}
