namespace AutoIF.Core.Llm;

/// <summary>What the Settings page shows after "test connection". <see cref="Error"/> never contains the key.</summary>
public sealed record LlmConnectionTestResult(bool Succeeded, string? Model, int LatencyMs, string? Reply, string? Error, LlmErrorKind ErrorKind)
{
    /// <summary>Models the endpoint lists at <c>/models</c>, when it offers that route.</summary>
    public IReadOnlyList<string> AvailableModels { get; init; } = [];
}
