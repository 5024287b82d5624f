namespace AutoIF.Core.Llm;

/// <summary>Where completions come from (config key <c>Llm:Mode</c>).</summary>
public enum LlmMode
{
    /// <summary>The offline demo model answers from a fixture; everything it produces is marked as demo data.</summary>
    Demo = 0,

    /// <summary>A real OpenAI-compatible endpoint, behind the call cache.</summary>
    Endpoint = 1,

    /// <summary>Only stored answers are returned; a cache miss fails with <see cref="LlmReplayMissException"/>.</summary>
    Replay = 2,
}
