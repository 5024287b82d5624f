namespace AutoIF.Core.Import;

/// <summary>A file that cannot be imported; nothing of it was stored. The message names file, line and reason.</summary>
public sealed class ImportException : Exception
{
    public ImportException(string fileName, int line, string reason)
        : base($"{fileName} line {line}: {reason}")
    {
        FileName = fileName;
        Line = line;
        Reason = reason;
    }

    public ImportException(string fileName, int line, string reason, Exception innerException)
        : base($"{fileName} line {line}: {reason}", innerException)
    {
        FileName = fileName;
        Line = line;
        Reason = reason;
    }

    public string FileName { get; }

    /// <summary>1-based line of the file where the offending record starts.</summary>
    public int Line { get; }

    public string Reason { get; }
}
