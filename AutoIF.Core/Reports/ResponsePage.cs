namespace AutoIF.Core.Reports;

public sealed record ResponsePage(IReadOnlyList<ResponseRow> Rows, int Total);
