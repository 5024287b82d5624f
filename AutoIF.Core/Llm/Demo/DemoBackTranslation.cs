namespace AutoIF.Core.Llm.Demo;

/// <summary>A back-translation and the NLI label the demo gives it against the original instruction.</summary>
public sealed record DemoBackTranslation(string Text, string Label);
