using System.Reflection;
using System.Text.Json;

namespace AutoIF.Core.Llm;

/// <summary>
/// Our prompt templates, embedded from <c>Llm/Templates/*.txt</c>. A run stores <see cref="ManifestJson"/>
/// (kind → name and hash) in <c>Run.TemplatesJson</c> so a dataset says which templates made it.
/// </summary>
public sealed class PromptTemplates
{
    private static readonly (PromptKind Kind, string File)[] Files =
    [
        (PromptKind.Augment, "augment.txt"),
        (PromptKind.Verifier, "verifier.txt"),
        (PromptKind.BackTranslation, "back_translation.txt"),
        (PromptKind.Nli, "nli.txt"),
        (PromptKind.Response, "response.txt"),
        (PromptKind.Judge, "judge.txt"),
    ];

    private readonly Dictionary<PromptKind, PromptTemplate> _templates;

    public PromptTemplates(IEnumerable<PromptTemplate> templates)
    {
        _templates = templates.ToDictionary(t => t.Kind);
    }

    /// <summary>The templates shipped with the app (immutable, loaded once).</summary>
    public static PromptTemplates Default { get; } = LoadEmbedded();

    public IReadOnlyCollection<PromptTemplate> All => _templates.Values;

    public PromptTemplate this[PromptKind kind] =>
        _templates.TryGetValue(kind, out var template) ? template : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No template for this prompt kind.");

    public string Augment(IEnumerable<string> seeds, int count) =>
        this[PromptKind.Augment].Render(new Dictionary<string, string>
        {
            ["seeds"] = string.Join('\n', seeds.Select(s => "- " + s.Trim())),
            ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public string Verifier(string instruction) =>
        this[PromptKind.Verifier].Render(new Dictionary<string, string> { ["instruction"] = instruction.Trim() });

    public string BackTranslation(string code) =>
        this[PromptKind.BackTranslation].Render(new Dictionary<string, string> { ["code"] = code.Trim() });

    public string Nli(string premise, string hypothesis) =>
        this[PromptKind.Nli].Render(new Dictionary<string, string> { ["premise"] = premise.Trim(), ["hypothesis"] = hypothesis.Trim() });

    /// <summary>The composed prompt: query plus the instruction to follow strictly.</summary>
    public string Response(string query, string instruction) =>
        this[PromptKind.Response].Render(new Dictionary<string, string> { ["query"] = query.Trim(), ["instruction"] = instruction.Trim() });

    public string Judge(string query, string instruction, string response) =>
        this[PromptKind.Judge].Render(new Dictionary<string, string> { ["query"] = query.Trim(), ["instruction"] = instruction.Trim(), ["response"] = response.Trim() });

    /// <summary>JSON object kind → {name, hash}, for <c>Run.TemplatesJson</c>.</summary>
    public string ManifestJson() => JsonSerializer.Serialize(
        _templates.Values.OrderBy(t => t.Kind).ToDictionary(t => t.Kind.ToString(), t => new { name = t.Name, hash = t.Hash }));

    private static PromptTemplates LoadEmbedded()
    {
        var assembly = typeof(PromptTemplates).Assembly;
        return new PromptTemplates(Files.Select(f => new PromptTemplate(f.Kind, Path.GetFileNameWithoutExtension(f.File), Normalize(Read(assembly, f.File)))));
    }

    private static string Read(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Llm.Templates." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // Line endings must not change the hash when the repository is checked out on Windows.
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
