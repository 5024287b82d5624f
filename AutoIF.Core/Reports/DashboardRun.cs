namespace AutoIF.Core.Reports;

/// <summary>A run on the dashboard: what it is doing now, current stage and the progress of every stage that started (not only the current one).</summary>
public sealed record DashboardRun(
    int Id,
    string Name,
    RunState State,
    PipelineStage? CurrentStage,
    string? Error,
    bool IsDemo,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<StageProgressRow> Stages)
{
    public bool IsActive => State is RunState.Queued or RunState.Running;

    public StageProgressRow? Current => CurrentStage is { } stage ? Stages.FirstOrDefault(s => s.Stage == stage) : null;
}
