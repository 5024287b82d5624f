namespace AutoIF.Core.Export;

/// <summary>One earlier exchange of a multi-turn example (LLaMA-Factory alpaca <c>history</c> entry <c>[query, answer]</c>).</summary>
public sealed record HistoryTurn(string Query, string Answer);
