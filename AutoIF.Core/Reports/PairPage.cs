namespace AutoIF.Core.Reports;

public sealed record PairPage(IReadOnlyList<PairRow> Rows, int Total);
