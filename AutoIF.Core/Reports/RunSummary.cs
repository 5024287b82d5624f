namespace AutoIF.Core.Reports;

/// <summary>A run as lists show it: what it is doing now (<see cref="Pipeline.RunLiveness"/>) and the progress of the stage it is in.</summary>
public sealed record RunSummary(
    int Id,
    string Name,
    RunState State,
    PipelineStage? CurrentStage,
    int Done,
    int Total,
    string? StageMessage,
    bool IsDemo,
    string? Error,
    int OnlineRounds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public double Share => Total == 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    public bool IsActive => State is RunState.Running or RunState.Queued;
}
