namespace AutoIF.Core.Llm.Parsing;

/// <summary>A test case written with a verifier: a sample response and what <c>evaluate</c> must return for it.</summary>
public sealed record VerifierCase(string Input, bool Expected);
