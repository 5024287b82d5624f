namespace AutoIF.Core.Llm;

/// <summary>Replay mode found no stored answer for a request; the run cannot continue without an endpoint.</summary>
public sealed class LlmReplayMissException : Exception
{
    public LlmReplayMissException(string message)
        : base(message)
    {
    }

    public LlmReplayMissException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmReplayMissException()
    {
    }

    public string? RequestHash { get; init; }

    public PromptKind Kind { get; init; }
}
