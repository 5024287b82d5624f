namespace AutoIF.Core.Pipeline;

/// <summary>A run stored as queued or running, as the job server's sweep read it.</summary>
public sealed record UnfinishedRun(int Id, RunStatus Status, string? JobId);
