namespace AutoIF.Core.Reports;

public sealed record StageProgressRow(PipelineStage Stage, int Done, int Total, bool Completed, string? Message)
{
    /// <summary>0–100; a stage with nothing to do counts as done when completed.</summary>
    public double Percent => Total > 0 ? Math.Min(100, 100.0 * Done / Total) : Completed ? 100 : 0;
}
