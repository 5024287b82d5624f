namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// A test case written with a verifier: a sample response and what <c>evaluate</c> must return for it. Strict parsing
/// also keeps the expected value exactly as written (<see cref="ExpectedJson"/>, see <see cref="Domain.ExpectedOutput"/>).
/// </summary>
public sealed record VerifierCase(string Input, bool Expected, string? ExpectedJson = null);
