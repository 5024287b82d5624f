using AutoIF.Core.Domain;

namespace AutoIF.Core.Reports;

<<<<<<< HEAD
/// <summary>A run on the dashboard: status, current stage and the progress of every stage that started.</summary>
=======
/// <summary>A run as lists show it: status and the progress of the stage it is in.</summary>
>>>>>>> main
public sealed record RunSummary(
    int Id,
    string Name,
    RunStatus Status,
    PipelineStage? CurrentStage,
<<<<<<< HEAD
    string? Error,
    bool IsDemo,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<StageProgressRow> Stages)
{
    public bool IsActive => Status is RunStatus.Queued or RunStatus.Running;

    public StageProgressRow? Current => CurrentStage is { } stage ? Stages.FirstOrDefault(s => s.Stage == stage) : null;
=======
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

    public bool IsActive => Status is RunStatus.Running or RunStatus.Queued;
>>>>>>> main
}
