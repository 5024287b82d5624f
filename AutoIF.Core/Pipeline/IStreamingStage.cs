namespace AutoIF.Core.Pipeline;

/// <summary>
/// A stage that can follow the one before it while that one still runs (decision 050): <see cref="CatchUpAsync"/> does
/// the work whose input is already final, and <see cref="IRunStage.ExecuteAsync"/>, once the stage before is complete,
/// does the rest and completes the stage. An item is decided by its own input alone, so the result is the same whether
/// it was done in a catch-up or at the end.
/// </summary>
public interface IStreamingStage : IRunStage
{
    /// <summary>Works on the items ready now; reports progress but never completes the stage.</summary>
    Task CatchUpAsync(int runId, CancellationToken cancellationToken);
}
