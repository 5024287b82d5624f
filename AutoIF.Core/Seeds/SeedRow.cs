namespace AutoIF.Core.Seeds;

public sealed record SeedRow(int Id, string Text, bool IsBuiltIn, DateTimeOffset CreatedAt);
