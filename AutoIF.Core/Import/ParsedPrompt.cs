namespace AutoIF.Core.Import;

/// <summary>A composed prompt with its sampled responses in file order (the position is the sample index).</summary>
internal sealed record ParsedPrompt(string Text, IReadOnlyList<string> Responses);
