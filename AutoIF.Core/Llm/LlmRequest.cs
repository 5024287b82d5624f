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

    /// <summary>The template the message was rendered from; the run records its name and hash when the call is made. Null for a composed prompt or a free-form one.</summary>
    public PromptTemplate? Template { get; init; }

    /// <summary>The run's model-call budget; the gateway takes one call from it before it sends (never for a cached answer). Null: no limit.</summary>
    public ILlmCallBudget? Budget { get; init; }

    /// <summary>A request sending <paramref name="prompt"/> as the user message, of its template's kind.</summary>
    public static LlmRequest For(RenderedPrompt prompt, LlmRole role = LlmRole.Supervision) => new()
    {
        Role = role,
        Kind = prompt.Template.Kind,
        Messages = [LlmMessage.User(prompt.Text)],
        Template = prompt.Template,
    };
}
