namespace AutoIF.Core.Domain;

public class SeedInstruction
{
    public int Id { get; init; }
    public required string Text { get; set; }

    /// <summary>The named set the seed belongs to (<see cref="AutoIF.Core.Seeds.SeedSets"/>); texts are unique within a set.</summary>
    public required string Set { get; init; }

    public bool IsBuiltIn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
