using AutoIF.Core.Export;

namespace AutoIF.Web.Services;

/// <summary>One export running in the background to a file; the Export page polls it for progress.</summary>
public sealed class ExportJob(string id, string fileName)
{
    private long _rows;

    public string Id { get; } = id;

    public string FileName { get; } = fileName;

    public long Rows => Interlocked.Read(ref _rows);

    public bool Finished { get; internal set; }

    public string? Error { get; internal set; }

    public ContaminationReport? Contamination { get; internal set; }

    internal void Report(long rows) => Interlocked.Exchange(ref _rows, rows);
}
