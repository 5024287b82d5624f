namespace AutoIF.Core.Domain;

/// <summary>Who did what to a run, and when: create, start, cancel, delete, import, verifier edits (the run's audit list).</summary>
public class AuditEntry
{
    public long Id { get; init; }
    /// <summary>Kept after the run is deleted, so the delete itself stays on record.</summary>
    public int RunId { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Detail { get; init; }
    public DateTimeOffset At { get; init; }
}
