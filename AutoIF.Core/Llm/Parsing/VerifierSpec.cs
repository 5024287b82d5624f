namespace AutoIF.Core.Llm.Parsing;

/// <summary>A parsed verifier answer: Python source (expected to define <c>evaluate</c>; the Compile stage checks) and its cases.</summary>
public sealed record VerifierSpec(string Func, IReadOnlyList<VerifierCase> Cases)
{
    /// <summary>Cases that could not be read (missing input, output not a boolean); counted, not fatal.</summary>
    public int SkippedCases { get; init; }
}
