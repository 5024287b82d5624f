using AutoIF.Core.Domain;

namespace AutoIF.Core.Export;

/// <summary>One export job as the Export page lists it.</summary>
public sealed record ExportJobView(
    int Id,
    string Summary,
    string FileName,
    bool Bundle,
    ExportJobState State,
    long Rows,
    long? FileSize,
    string? Message,
    ContaminationReport? Contamination,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
