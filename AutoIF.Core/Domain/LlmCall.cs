namespace AutoIF.Core.Domain;

/// <summary>Every model call, stored; the request hash makes it the cache that turns a rerun or resume free.</summary>
public class LlmCall
{
    public long Id { get; init; }
    /// <summary>SHA-256 over model, messages, sampling parameters and sample index.</summary>
    public required string RequestHash { get; init; }
    public LlmRole Role { get; init; }
    public required string Model { get; init; }
    /// <summary>Base URL only; keys are never stored.</summary>
    public string? Endpoint { get; init; }
    public required string PromptKind { get; init; }
    public required string RequestJson { get; init; }
    public string? ParametersJson { get; init; }
    public string? Completion { get; set; }
    public string? FinishReason { get; set; }
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
    public int LatencyMs { get; set; }
    public string? Error { get; set; }
    public bool ParseFailed { get; set; }
    public bool IsDemo { get; init; }
    public int? RunId { get; init; }
    public PipelineStage? Stage { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
