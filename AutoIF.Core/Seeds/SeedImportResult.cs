namespace AutoIF.Core.Seeds;

/// <summary>What an import did: how many seeds were added and which lines were skipped as duplicates.</summary>
public sealed record SeedImportResult(int Added, IReadOnlyList<string> Duplicates);
