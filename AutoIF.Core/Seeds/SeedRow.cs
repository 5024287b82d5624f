namespace AutoIF.Core.Seeds;

public sealed record SeedRow(int Id, string Text, string Set, bool IsBuiltIn, DateTimeOffset CreatedAt);
