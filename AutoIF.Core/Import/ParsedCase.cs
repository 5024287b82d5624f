namespace AutoIF.Core.Import;

/// <summary>A test case read from a reference file; <see cref="VerifierSourceHash"/> names the function it was written with, if any.</summary>
internal sealed record ParsedCase(string Input, bool Expected, string? VerifierSourceHash);
