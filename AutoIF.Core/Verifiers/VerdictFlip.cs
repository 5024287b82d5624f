namespace AutoIF.Core.Verifiers;

/// <summary>A response on which a verifier's verdict changed, with the old and new verdict and detail.</summary>
public sealed record VerdictFlip(long ResponseId, string Response, string OldVerdict, string? OldDetail, string NewVerdict, string? NewDetail);
