namespace AutoIF.Core.Import;

/// <summary>Per-file choices of an import.</summary>
public sealed record ImportOptions
{
    public const string DefaultColumn = "query";

    /// <summary>
    /// Where a query pool keeps the query: the CSV header (matched ignoring case and surrounding spaces), the JSONL
    /// field or the Parquet column (matched exactly, else ignoring case). <c>--column</c> (alias <c>--field</c>).
    /// </summary>
    public string Column { get; init; } = DefaultColumn;
}
