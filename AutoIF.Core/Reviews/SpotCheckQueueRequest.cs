namespace AutoIF.Core.Reviews;

/// <summary>
/// Which items a spot-check session goes through: verifiers or instructions of a run (or all runs), optionally only
/// unreviewed ones or one automatic status, matching a text. With a <see cref="Seed"/> the queue is a reproducible random
/// sample of <see cref="Size"/> items; without one it is the filtered list in id order. <see cref="Queue"/> picks a
/// second-look queue (<see cref="Reviewer"/> is the one asking, whose own decisions do not count as the first look) or
/// suspect verifiers first.
/// </summary>
public sealed record SpotCheckQueueRequest(
    ReviewTarget Target,
    int? RunId = null,
    int? Seed = null,
    int Size = 50,
    bool OnlyUnreviewed = true,
    ItemStatus? Status = null,
    string? Search = null,
    SpotCheckQueueKind Queue = SpotCheckQueueKind.Filtered,
    string? Reviewer = null);
