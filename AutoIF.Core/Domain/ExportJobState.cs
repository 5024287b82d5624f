namespace AutoIF.Core.Domain;

/// <summary>Where an export job of the Export page stands.</summary>
public enum ExportJobState
{
    /// <summary>Waiting for a job server's worker (again, after the process running it stopped).</summary>
    Queued,
    Running,
    Done,
    Failed,
}
