using AutoIF.Core.Domain;

namespace AutoIF.Core.Llm;

/// <summary>
/// One completion request. <see cref="SampleIndex"/> makes K samples of the same prompt distinct cache entries;
/// <see cref="RunId"/> and <see cref="Stage"/> attribute the call (and its tokens) to a run and stage.
/// </summary>
public sealed record LlmRequest
{
    public LlmRole Role { get; init; } = LlmRole.Supervision;

    public required PromptKind Kind { get; init; }

    public required IReadOnlyList<LlmMessage> Messages { get; init; }

    /// <summary>Overrides the role's configured temperature (e.g. 0.8 for online DPO rounds).</summary>
    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public int SampleIndex { get; init; }

    /// <summary>The model to ask instead of the role's configured one, on the same endpoint; null uses the configured model.</summary>
    public string? Model { get; init; }

    public int? RunId { get; init; }

    public PipelineStage? Stage { get; init; }

    /// <summary>Builds the request from a prompt template and its variables.</summary>
    public static LlmRequest FromTemplate(PromptTemplate template, IReadOnlyDictionary<string, string> variables, LlmRole role = LlmRole.Supervision) => new()
    {
        Role = role,
        Kind = template.Kind,
        Messages = [LlmMessage.User(template.Render(variables))],
    };
}
