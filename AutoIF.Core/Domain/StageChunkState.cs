namespace AutoIF.Core.Domain;

/// <summary>Where a stage chunk stands (decision 039).</summary>
public enum StageChunkState
{
    /// <summary>Waiting for a job, or being worked on (<see cref="StageChunk.Attempts"/> says how often one started).</summary>
    Pending,

    /// <summary>Its rows are stored: committed in the transaction that set this state.</summary>
    Done,

    /// <summary>Its last attempt threw, having stored nothing; the coordinator queues it again or fails the stage.</summary>
    Failed,
}
