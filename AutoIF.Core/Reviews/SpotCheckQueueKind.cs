namespace AutoIF.Core.Reviews;

/// <summary>Which spot-check queue a session goes through (decision 033).</summary>
public enum SpotCheckQueueKind
{
    /// <summary>The filtered items (by default the unreviewed ones), in id order or a seeded sample.</summary>
    Filtered,

    /// <summary>Items exactly one reviewer has decided, someone other than the one asking: a second look for the kappa.</summary>
    SecondLook,

    /// <summary>Verifiers whose self-test found them vacuous or constant first (decision 027), then the rest of the filtered ones.</summary>
    SuspectVerifiersFirst,
}
