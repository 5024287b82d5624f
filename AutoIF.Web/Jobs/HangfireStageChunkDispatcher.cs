using AutoIF.Core.Pipeline;
using Hangfire;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Jobs;

/// <summary>
/// Queues a stage's chunks as <see cref="VerifyChunkJob"/>s on the sandbox queue of the shared job storage, when
/// <c>Jobs:ChunkResponses</c> is above 0 (decision 039); at 0 the stage does its own work, as before.
/// </summary>
public sealed class HangfireStageChunkDispatcher(IBackgroundJobClient jobs, JobStorage storage, IOptions<JobsOptions> options) : IStageChunkDispatcher
{
    public int? ResponsesPerChunk => options.Value.ChunkResponses is > 0 and var size ? size : null;

    public bool CoordinatorVerifiesChunks => options.Value.CoordinatorVerifiesChunks;

    public string Enqueue(long chunkId) => jobs.Enqueue<VerifyChunkJob>(job => job.ExecuteAsync(chunkId, CancellationToken.None));

    public bool IsWaitingOrRunning(string jobId) => HangfireJobStates.IsIn(storage, jobId, HangfireJobStates.WaitingOrStarting);
}
