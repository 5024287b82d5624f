using System.Runtime.ExceptionServices;
using AutoIF.Core.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Runs a stage with the streaming stages after it at once (decision 050): each follower catches up on what the stage
/// before it has stored, every <c>Pipeline:CatchUpMilliseconds</c> while that one runs, and once it is complete finishes
/// its own work and completes. A follower never finishes before the stage it follows, so "completed" still means
/// complete. When one of them fails the others stop too, and the failure that stopped them is the one reported.
/// </summary>
public sealed class StageStream(IOptions<PipelineOptions> options, TimeProvider clock, ILogger<StageStream> logger)
{
    public async Task RunAsync(int runId, IRunStage head, IReadOnlyList<IStreamingStage> followers, CancellationToken cancellationToken)
    {
        if (followers.Count == 0)
        {
            await head.ExecuteAsync(runId, cancellationToken);
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        async Task GuardAsync(Func<CancellationToken, Task> work)
        {
            try
            {
                await work(stop.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (Interlocked.CompareExchange(ref firstFailure, ex, null) is null && !EndsEveryStageAnyway(ex))
                {
                    await stop.CancelAsync();
                }
                throw;
            }
        }

        var tasks = new List<Task> { GuardAsync(ct => head.ExecuteAsync(runId, ct)) };
        foreach (var follower in followers)
        {
            var before = tasks[^1];
            tasks.Add(GuardAsync(ct => FollowAsync(runId, follower, before, ct)));
        }
        try
        {
            await Task.WhenAll(tasks);
        }
        catch when (firstFailure is not null)
        {
            // The others ended by the cancel this failure caused, or by the same failure passed on: report its cause.
            ExceptionDispatchInfo.Throw(firstFailure);
        }
    }

    private async Task FollowAsync(int runId, IStreamingStage follower, Task before, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.CatchUpMilliseconds);
        // The first catch-up at once: some input is final before the stage before starts (Verifiers asks about the
        // seeds while Augment asks for new instructions).
        while (!before.IsCompleted)
        {
            var started = clock.GetTimestamp();
            await follower.CatchUpAsync(runId, cancellationToken);
            logger.LogDebug("Run {RunId}: stage {Stage} caught up in {Milliseconds:F0} ms", runId, follower.Stage, clock.GetElapsedTime(started).TotalMilliseconds);
            await Task.WhenAny(before, Task.Delay(interval, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
        // The stage before failed: this one must not complete on its partial output.
        await before;
        logger.LogInformation("Run {RunId}: stage {Stage} finishing after the stage before it", runId, follower.Stage);
        await follower.ExecuteAsync(runId, cancellationToken);
    }

    // A cancelled run or a spent model-call budget stops every stage at its next checkpoint or call by itself, each with
    // its work so far stored; cancelling them would also abort model calls already sent.
    private static bool EndsEveryStageAnyway(Exception ex) => ex is RunCancelledException || ModelCallBudgetReachedException.In(ex) is not null;
}
