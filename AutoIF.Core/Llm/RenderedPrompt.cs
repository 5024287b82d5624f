namespace AutoIF.Core.Llm;

/// <summary>A prompt text and the template it was rendered from, so the call that sends it can say which template it used.</summary>
public sealed record RenderedPrompt(PromptTemplate Template, string Text);
