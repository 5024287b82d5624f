namespace AutoIF.Core.Pipeline;

/// <summary>
/// Model calls of a stage failed even after the gateway's retries (timeouts, 5xx, a dropped endpoint). The items
/// they were for stay pending rather than being dropped as if the model had answered, and the run fails with this
/// message; resuming retries exactly those calls (the answered ones come from the call cache).
/// </summary>
public sealed class LlmCallsFailedException(PipelineStage stage, int failed, string? lastError)
    : InvalidOperationException($"{failed} model call(s) of stage {stage} failed ({lastError ?? "no detail"}); their items stay pending: resume the run to retry them.")
{
    public PipelineStage Stage { get; } = stage;

    public int Failed { get; } = failed;
}
