namespace AutoIF.Core.Llm;

/// <summary>One chat message; our own type so stages and the cache key do not depend on a client library.</summary>
public sealed record LlmMessage(LlmMessageRole Role, string Content)
{
    public static LlmMessage System(string content) => new(LlmMessageRole.System, content);

    public static LlmMessage User(string content) => new(LlmMessageRole.User, content);

    public static LlmMessage Assistant(string content) => new(LlmMessageRole.Assistant, content);
}
