namespace AutoIF.Core.Domain;

/// <summary>
/// An export to a file in the exports folder, run as a job: its request, progress and outcome, so the Export page lists it
/// with its progress and download link after the page is closed or the app restarted. Written by <c>ExportJobRunner</c>.
/// </summary>
public class ExportJob
{
    public int Id { get; init; }

    /// <summary>The <c>ExportRequest</c> as JSON, read by the job (which gets only this row's id).</summary>
    public required string RequestJson { get; init; }

    public bool Bundle { get; init; }

    /// <summary>"tiny · sft · alpaca": runs, kind and format, for the list.</summary>
    public required string Summary { get; init; }

    /// <summary>The file's name in the exports folder (no directory).</summary>
    public required string FileName { get; init; }

    public ExportJobState State { get; set; }

    /// <summary>Rows written so far; all of them once <see cref="ExportJobState.Done"/>.</summary>
    public long Rows { get; set; }

    public long? FileSize { get; set; }

    /// <summary>Why it failed, or that it was started again after the process running it stopped.</summary>
    public string? Message { get; set; }

    /// <summary>The contamination report (a benchmark was given), as JSON.</summary>
    public string? ContaminationJson { get; set; }

    /// <summary>The Hangfire job running it, so a delete stops it and a restart can tell a dead one.</summary>
    public string? JobId { get; set; }

    /// <summary>How often a job server started it (more than once: the process running it stopped).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
