namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>The model calls and tokens one stage of a run is expected to need, and how the number was reached.</summary>
public sealed record StageEstimate(PipelineStage Stage, string Basis, long Calls, long PromptTokens, long CompletionTokens)
{
    public long Tokens => PromptTokens + CompletionTokens;
}
