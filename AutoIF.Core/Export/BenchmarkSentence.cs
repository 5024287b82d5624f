namespace AutoIF.Core.Export;

/// <summary>One benchmark "instruction": a sentence of a benchmark prompt, its normalised tokens joined by spaces, and its line.</summary>
internal sealed record BenchmarkSentence(string Text, string Normalized, int Line);
