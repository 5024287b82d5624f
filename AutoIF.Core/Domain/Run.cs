namespace AutoIF.Core.Domain;

public class Run
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public RunStatus Status { get; set; }
    public required RunSettings Settings { get; set; }
    public PipelineStage? CurrentStage { get; set; }
    public string? Error { get; set; }
    /// <summary>Set when any item of the run came from the offline demo model.</summary>
    public bool IsDemo { get; set; }
    /// <summary>The prompt templates (name and hash) the run's model calls sent, so a dataset says which templates made it (<c>Llm.TemplateManifest</c>).</summary>
    public string? TemplatesJson { get; set; }
    public int? ClonedFromRunId { get; set; }
    public int OnlineRounds { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Hangfire job currently working on the run, for cancellation.</summary>
    public string? JobId { get; set; }
}
