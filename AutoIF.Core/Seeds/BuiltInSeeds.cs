namespace AutoIF.Core.Seeds;

/// <summary>The built-in seed sets, shipped as embedded text files <c>Seeds/&lt;set&gt;.txt</c> (one seed per line).</summary>
public static class BuiltInSeeds
{
    public static IReadOnlyList<string> Load(string set)
    {
        if (!SeedSets.BuiltIn.Contains(set))
        {
            throw new ArgumentException($"'{set}' is not a built-in seed set; built-in sets: {string.Join(", ", SeedSets.BuiltIn)}.", nameof(set));
        }
        using var stream = typeof(BuiltInSeeds).Assembly.GetManifestResourceStream($"AutoIF.Core.Seeds.{set}.txt")
            ?? throw new InvalidOperationException($"The built-in seed file {set}.txt is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
