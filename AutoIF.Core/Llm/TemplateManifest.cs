using System.Text.Json;

namespace AutoIF.Core.Llm;

/// <summary>
/// <c>Run.TemplatesJson</c>: the templates whose text the run's model calls sent, in the order first sent, as
/// <c>[{"name": "judge", "hash": "…"}]</c>. A template changed between a crash and its resume appears with both hashes.
/// </summary>
public static class TemplateManifest
{
    /// <summary>Name of the response template early versions listed in every run although no stage ever sent it.</summary>
    private const string NeverSent = "response";

    /// <summary>
    /// The entries of <paramref name="json"/>. Runs created before templates were recorded as sent hold an object
    /// kind → {name, hash} listing every template at creation; it is read as it is, less the never-sent response template.
    /// </summary>
    public static IReadOnlyList<TemplateUse> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var entries = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray(),
            JsonValueKind.Object => root.EnumerateObject().Select(p => p.Value),
            _ => throw new JsonException($"A template record must be a list, found {root.ValueKind}."),
        };
        return entries.Select(e => new TemplateUse(e.GetProperty("name").GetString()!, e.GetProperty("hash").GetString()!))
            .Where(t => root.ValueKind == JsonValueKind.Array || t.Name != NeverSent)
            .ToList();
    }

    /// <summary><paramref name="json"/> with <paramref name="template"/> added, or <paramref name="json"/> itself when it already lists it.</summary>
    public static string? With(string? json, PromptTemplate template)
    {
        var entries = Parse(json);
        var use = new TemplateUse(template.Name, template.Hash);
        return entries.Contains(use)
            ? json
            : JsonSerializer.Serialize(entries.Append(use).Select(t => new { name = t.Name, hash = t.Hash }));
    }
}
