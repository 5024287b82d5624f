namespace AutoIF.Core.Llm.Parsing;

/// <summary>A parsed questions answer: one to three yes/no questions ("yes" = follows) and the test cases written with them.</summary>
public sealed record QuestionSpec(IReadOnlyList<string> Questions, IReadOnlyList<VerifierCase> Cases);
