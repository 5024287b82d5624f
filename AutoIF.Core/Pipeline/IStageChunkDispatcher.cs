namespace AutoIF.Core.Pipeline;

/// <summary>
/// Where a stage's chunk jobs run (decision 039). The app's and a worker's job server queue them for any job server on
/// the shared storage; a process without one (the command line's <c>--wait</c> and <c>verify</c>), or with chunking off,
/// does the stage's work itself (<see cref="InlineStageChunkDispatcher"/>).
/// </summary>
public interface IStageChunkDispatcher
{
    /// <summary>Unverified responses per chunk job, or null when this process verifies them all itself.</summary>
    int? ResponsesPerChunk { get; }

    /// <summary>
    /// Whether the run's job, while it waits for its chunks, verifies those no one has claimed yet itself (decision 043),
    /// so runs waiting on every job-server slot still finish.
    /// </summary>
    bool CoordinatorVerifiesChunks { get; }

    /// <summary>Queues a job that runs <see cref="ResponseVerifier.VerifyChunkAsync"/> for the stored chunk; returns the job's id.</summary>
    string Enqueue(long chunkId);

    /// <summary>Whether the job waits in its queue or is being worked on (a dead worker's job comes back to the queue by itself).</summary>
    bool IsWaitingOrRunning(string jobId);
}
