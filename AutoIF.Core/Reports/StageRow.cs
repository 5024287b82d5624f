namespace AutoIF.Core.Reports;

/// <summary>One stage of a run as the run page and <c>run status</c> show it: how far it got and its last note.</summary>
public sealed record StageRow(PipelineStage Stage, int Done, int Total, bool Completed, string? Message);
