namespace AutoIF.Core.Import;

/// <summary>Per-file choices of an import.</summary>
public sealed record ImportOptions
{
    public const string DefaultCsvColumn = "query";

    /// <summary>The CSV header naming the query column (matched ignoring case and surrounding spaces).</summary>
    public string CsvColumn { get; init; } = DefaultCsvColumn;
}
