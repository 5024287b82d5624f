namespace AutoIF.Core.Reports;

/// <summary>
/// An instruction's lineage (§11.5): the seed instructions its Augment prompt showed (empty for seeds, imported
/// instructions and instructions augmented before lineage was stored) and, for a seed, how many instructions were made
/// from prompts that showed it.
/// </summary>
public sealed record InstructionLineage(IReadOnlyList<LineageSeed> Seeds, int MadeFromThis);
