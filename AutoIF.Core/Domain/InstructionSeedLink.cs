namespace AutoIF.Core.Domain;

/// <summary>
/// Lineage (§11.5): an augmented instruction and one of the run's seed instructions shown in the Augment prompt that
/// produced it. The method shows one list of seeds and gets many instructions back, so this is many-to-many.
/// Instructions augmented before lineage was stored have no links.
/// </summary>
public class InstructionSeedLink
{
    public int InstructionId { get; init; }
    /// <summary>The seed's instruction row in the same run (origin <see cref="InstructionOrigin.Seed"/>).</summary>
    public int SeedInstructionId { get; init; }
}
