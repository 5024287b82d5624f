namespace AutoIF.Core.Import;

/// <summary>
/// A test case read from a reference file; <see cref="VerifierSourceHash"/> names the function it was written with, if
/// any; <see cref="ExpectedJson"/> is the expected value as written, kept under strict parsing.
/// </summary>
internal sealed record ParsedCase(string Input, bool Expected, string? VerifierSourceHash, string? ExpectedJson = null)
{
    /// <summary>What tells two cases of one instruction apart; under strict parsing also the function, since which functions run decides the scripts' pool.</summary>
    public (string?, string, string) Key => (ExpectedJson is null ? null : VerifierSourceHash, Input, Domain.ExpectedOutput.Key(Expected, ExpectedJson));
}
