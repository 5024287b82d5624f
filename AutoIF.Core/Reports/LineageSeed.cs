namespace AutoIF.Core.Reports;

/// <summary>A seed instruction shown in the prompt that produced an augmented instruction.</summary>
public sealed record LineageSeed(int Id, string Text);
