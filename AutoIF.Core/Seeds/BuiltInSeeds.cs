namespace AutoIF.Core.Seeds;

/// <summary>Our own atomic, code-checkable format instructions, shipped as an embedded text file (one per line).</summary>
public static class BuiltInSeeds
{
    public static IReadOnlyList<string> Load()
    {
        using var stream = typeof(BuiltInSeeds).Assembly.GetManifestResourceStream("AutoIF.Core.Seeds.builtin-seeds.txt")
            ?? throw new InvalidOperationException("The built-in seed file is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
