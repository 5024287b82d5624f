namespace AutoIF.Core.Verifiers;

/// <summary>One version of a verifier as the CLI and pages show it; <see cref="SelfTest"/> is <c>ok</c>, <c>vacuous</c>, <c>constant</c> or <c>unchecked</c>.</summary>
public sealed record VerifierVersionInfo(
    int Id,
    int RunId,
    string RunName,
    int InstructionId,
    int Version,
    bool IsCurrent,
    string? Note,
    DateTimeOffset? CreatedAt,
    string SelfTest,
    string? SelfTestEvidence,
    ItemStatus Status,
    string? DropReason,
    string Source);
