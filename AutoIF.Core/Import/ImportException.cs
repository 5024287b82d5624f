namespace AutoIF.Core.Import;

/// <summary>
/// A file that cannot be imported; nothing of it was stored. The message names file, line (a Parquet file: row) and
/// reason; a fault of the whole file (a Parquet file's schema) names no line.
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(string fileName, int line, string reason)
        : this(fileName, line, $"line {line}", reason, null)
    {
    }

    public ImportException(string fileName, int line, string reason, Exception innerException)
        : this(fileName, line, $"line {line}", reason, innerException)
    {
    }

    private ImportException(string fileName, int line, string? where, string reason, Exception? innerException)
        : base(where is null ? $"{fileName}: {reason}" : $"{fileName} {where}: {reason}", innerException)
    {
        FileName = fileName;
        Line = line;
        Reason = reason;
    }

    public string FileName { get; }

    /// <summary>1-based line of the file where the offending record starts (a Parquet file: its row); 0 for a fault of the whole file.</summary>
    public int Line { get; }

    public string Reason { get; }

    /// <summary>A fault in the 1-based <paramref name="row"/> of a file of rows (Parquet).</summary>
    public static ImportException AtRow(string fileName, int row, string reason) => new(fileName, row, $"row {row}", reason, null);

    /// <summary>A fault of the whole file, at no line: not the format it claims, or a schema without what the import needs.</summary>
    public static ImportException InFile(string fileName, string reason, Exception? innerException = null) => new(fileName, 0, null, reason, innerException);
}
