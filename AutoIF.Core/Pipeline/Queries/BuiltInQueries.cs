namespace AutoIF.Core.Pipeline.Queries;

/// <summary>
/// A small pool of realistic user queries written by us for the demo and for runs without a pool of their own
/// (the Queries stage falls back to it, marked built-in, so a fresh clone runs end to end). Shipped as an embedded text file, one query per line.
/// </summary>
public static class BuiltInQueries
{
    public static IReadOnlyList<string> Load()
    {
        using var stream = typeof(BuiltInQueries).Assembly.GetManifestResourceStream("AutoIF.Core.Pipeline.Queries.builtin-queries.txt")
            ?? throw new InvalidOperationException("The built-in query pool is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
