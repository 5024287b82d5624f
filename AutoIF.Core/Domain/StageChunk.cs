namespace AutoIF.Core.Domain;

/// <summary>
/// One chunk job of a stage that a coordinator split across job servers (decision 039): the unverified responses of the
/// stage with ids in [<see cref="FirstResponseId"/>, <see cref="LastResponseId"/>], what the stage decided before the
/// chunks (the timeout probe's verdicts, as JSON), and how far it got. The chunk's rows and <see cref="StageChunkState.Done"/>
/// commit in one transaction, so a chunk's effect happens once whoever runs it and however often. A stage's plan stays
/// after the stage completes, as its record, until the stage is verified again (a new plan, or work done in-process).
/// </summary>
public class StageChunk
{
    public long Id { get; init; }

    public required int RunId { get; init; }

    public required PipelineStage Stage { get; init; }

    /// <summary>The online round whose responses it verifies; null for every round (the Verify stage).</summary>
    public int? Round { get; init; }

    /// <summary>Its place in the stage's plan, from 0.</summary>
    public required int Index { get; init; }

    public required long FirstResponseId { get; init; }

    public required long LastResponseId { get; init; }

    /// <summary>How many unverified responses it covered when planned: what it adds to the stage's progress when done.</summary>
    public required int Responses { get; init; }

    /// <summary>The calls decided before the chunks ran (<c>StageChunkDecisions</c> as JSON).</summary>
    public required string DecisionsJson { get; init; }

    public StageChunkState State { get; set; }

    /// <summary>How often a job started it; more than once when a worker died or an attempt failed.</summary>
    public int Attempts { get; set; }

    /// <summary>Why its last attempt failed.</summary>
    public string? Error { get; set; }

    /// <summary>The job queued for it, so the coordinator can tell a job that is gone from one that waits.</summary>
    public string? JobId { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
