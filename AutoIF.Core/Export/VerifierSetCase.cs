namespace AutoIF.Core.Export;

/// <summary>A kept test case: its input and expected output (the value as written when strict parsing kept it, else the boolean).</summary>
public sealed record VerifierSetCase(string Input, bool Expected, string? ExpectedJson);
