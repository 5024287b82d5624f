namespace AutoIF.Core.Llm;

/// <summary>Token use of one run, stage and role, for the dashboard.</summary>
public sealed record LlmUsageRow(
    int? RunId,
    PipelineStage? Stage,
    LlmRole Role,
    int Calls,
    int Errors,
    int ParseFailures,
    long PromptTokens,
    long CompletionTokens)
{
    public long TotalTokens => PromptTokens + CompletionTokens;
}
