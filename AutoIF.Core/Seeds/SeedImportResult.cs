namespace AutoIF.Core.Seeds;

/// <summary>What an import did: how many seeds were added to which set and which lines were skipped as duplicates.</summary>
public sealed record SeedImportResult(string Set, int Added, IReadOnlyList<string> Duplicates);
