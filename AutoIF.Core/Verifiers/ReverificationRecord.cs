namespace AutoIF.Core.Verifiers;

/// <summary>A stored re-verification as pages and the CLI read it; <see cref="Diff"/> once it is done.</summary>
public sealed record ReverificationRecord(
    int Id,
    int RunId,
    int? InstructionId,
    ReverificationState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    ReverificationDiff? Diff);
