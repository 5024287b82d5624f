namespace AutoIF.Core.Domain;

public class SeedInstruction
{
    public int Id { get; init; }
    public required string Text { get; set; }
    public bool IsBuiltIn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
