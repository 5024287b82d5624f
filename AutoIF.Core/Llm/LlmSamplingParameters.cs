namespace AutoIF.Core.Llm;

/// <summary>The sampling parameters actually sent (role defaults with the request's overrides applied).</summary>
public sealed record LlmSamplingParameters(double Temperature, double TopP, int MaxTokens);
