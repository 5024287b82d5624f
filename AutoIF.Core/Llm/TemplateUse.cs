namespace AutoIF.Core.Llm;

/// <summary>One prompt template a run sent: its name (the file name without ".txt") and the hash of its exact text.</summary>
public sealed record TemplateUse(string Name, string Hash);
