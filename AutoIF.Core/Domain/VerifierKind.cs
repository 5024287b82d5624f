namespace AutoIF.Core.Domain;

/// <summary>How a verifier decides. Python code runs in the sandbox; an LLM question is a yes/no asked of the model (hybrid verification).</summary>
public enum VerifierKind
{
    Python = 0,
    LlmQuestion = 1,
}
