using AutoIF.Core.Domain;
using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

/// <summary>The one example row every golden file describes, and helpers to feed writers.</summary>
internal static class ExportSamples
{
    public const string Prompt = "Describe autumn in Kyoto. Answer in fewer than 20 words.";
    public const string Response = "Maple leaves blaze red over quiet temples.";
    public const string Rejected = "Autumn in Kyoto is a season of remarkable beauty, when the maple trees of the ancient temples turn brilliant shades of red, orange and gold.";
    public const string System = "You are a helpful assistant.";

    public static Provenance Provenance(long sourceId = 1, int instructionId = 7, PairLevel? level = null) =>
        new("kyoto", instructionId, [11, 12], 1.0, 9, false, 0, level, sourceId, level is null ? null : 0.0);

    public static SftExample Sft(string? system = System) => new(Prompt, Response, Provenance(), system);

    public static DpoExample Dpo(string? system = null) => new(Prompt, Response, Rejected, Provenance(level: PairLevel.Query), system);

    public static ScoreRecord Score() => new(
        "kyoto", 7, "Answer in fewer than 20 words.", Prompt, Response, 0.5,
        [new VerdictEntry(11, VerdictKind.True, null), new VerdictEntry(12, VerdictKind.Timeout, "exceeded 5 s")], 9, 1);

    public static async IAsyncEnumerable<T> Async<T>(params IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }
        return list;
    }

    public static async Task<byte[]> WriteAsync<T>(IDatasetWriter<T> writer, params IEnumerable<T> rows)
    {
        using var output = new MemoryStream();
        await writer.WriteAsync(Async(rows), output);
        return output.ToArray();
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Export", name);
}
