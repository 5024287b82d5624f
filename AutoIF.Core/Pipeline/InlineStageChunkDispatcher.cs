namespace AutoIF.Core.Pipeline;

/// <summary>No chunk jobs: the stage verifies every response in the process that runs it, as a single run always did.</summary>
public sealed class InlineStageChunkDispatcher : IStageChunkDispatcher
{
    public int? ResponsesPerChunk => null;

    public bool CoordinatorVerifiesChunks => false;

    public string Enqueue(long chunkId) =>
        throw new InvalidOperationException($"Chunk {chunkId} cannot be queued: this process has no job server, so its stages do their own work.");

    public bool IsWaitingOrRunning(string jobId) => false;
}
