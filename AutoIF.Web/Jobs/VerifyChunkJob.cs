using AutoIF.Core.Pipeline;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>
/// The Hangfire job for one chunk of a run's Verify stage (decision 039): any job server taking the sandbox queue runs
/// it. Argument: the chunk's id. It takes no run lock: the run's coordinator holds that. It claims its chunk, as the
/// coordinator does when it verifies chunks itself (decision 043), and returns when another taker holds the claim; the
/// chunk's rows commit with its done mark, so a second attempt stores nothing.
/// </summary>
public sealed class VerifyChunkJob(ResponseVerifier verifier)
{
    // Never retried by Hangfire: a failed attempt is recorded on the chunk, and its coordinator queues it again.
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Sandbox)]
    public Task ExecuteAsync(long chunkId, CancellationToken cancellationToken) => verifier.VerifyChunkAsync(chunkId, cancellationToken);
}
