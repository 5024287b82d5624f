namespace AutoIF.Core.Llm.Parsing;

/// <summary>A judge's 0–10 score and the analysis that preceded it.</summary>
public sealed record JudgeScore(int Score, string Rationale);
