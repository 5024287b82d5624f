namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Verifies every sampled or imported response of every round that has not been verified yet; in chunk jobs that any job
/// server takes when this process queues them (<c>Jobs:ChunkResponses</c>, decision 039). Streams behind Sample
/// (decision 050): the responses of each stored batch are verified while the next is sampled.
/// </summary>
public sealed class VerifyStage(ResponseVerifier verifier) : IStreamingStage
{
    public PipelineStage Stage => PipelineStage.Verify;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(runId, Stage, round: null, cancellationToken, inChunkJobs: true);

    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(runId, Stage, round: null, cancellationToken, inChunkJobs: true, catchUp: true);
}
