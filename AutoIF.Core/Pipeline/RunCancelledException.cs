namespace AutoIF.Core.Pipeline;

/// <summary>Thrown between batches when the run was cancelled by a user.</summary>
public sealed class RunCancelledException(int runId) : Exception($"Run {runId} was cancelled.")
{
    public int RunId { get; } = runId;
}
