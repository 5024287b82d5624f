namespace AutoIF.Core.Domain;

/// <summary>Progress and checkpoint of one stage of one run.</summary>
public class StageProgress
{
    public int RunId { get; init; }
    public PipelineStage Stage { get; init; }
    public ItemStatus Status { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool Completed { get; set; }
}
