using System.Reflection;

namespace AutoIF.Core.Llm;

/// <summary>
/// Our prompt templates, embedded from <c>Llm/Templates/*.txt</c>. Each render returns the text with its template, and
/// a run records the name and hash of every template a stage sent (<see cref="TemplateManifest"/>), so a dataset says
/// exactly which templates made it. Responses have no template: the composed prompt is sent as it is.
/// </summary>
public sealed class PromptTemplates
{
    private static readonly (PromptKind Kind, string File)[] Files =
    [
        (PromptKind.Augment, "augment.txt"),
        (PromptKind.Verifier, "verifier.txt"),
        (PromptKind.BackTranslation, "back_translation.txt"),
        (PromptKind.BackTranslationList, "back_translation_list.txt"),
        (PromptKind.Nli, "nli.txt"),
        (PromptKind.Judge, "judge.txt"),
        (PromptKind.Compatibility, "compatibility.txt"),
        (PromptKind.Questions, "questions.txt"),
        (PromptKind.QuestionVerdict, "question_verdict.txt"),
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

    public RenderedPrompt Augment(IEnumerable<string> seeds, int count) => Render(PromptKind.Augment, new Dictionary<string, string>
    {
        ["seeds"] = string.Join('\n', seeds.Select(s => "- " + s.Trim())),
        ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public RenderedPrompt Verifier(string instruction) =>
        Render(PromptKind.Verifier, new Dictionary<string, string> { ["instruction"] = instruction.Trim() });

    public RenderedPrompt BackTranslation(string code) =>
        Render(PromptKind.BackTranslation, new Dictionary<string, string> { ["code"] = code.Trim() });

    /// <summary>Every function in its own numbered python block, in order; the answer is a JSON list in the same order.</summary>
    public RenderedPrompt BackTranslationList(IEnumerable<string> codes) => Render(PromptKind.BackTranslationList, new Dictionary<string, string>
    {
        ["functions"] = string.Join("\n\n", codes.Select((code, i) => $"Function {i + 1}:\n```python\n{code.Trim()}\n```")),
    });

    public RenderedPrompt Nli(string premise, string hypothesis) =>
        Render(PromptKind.Nli, new Dictionary<string, string> { ["premise"] = premise.Trim(), ["hypothesis"] = hypothesis.Trim() });

    public RenderedPrompt Judge(string query, string instruction, string response) =>
        Render(PromptKind.Judge, new Dictionary<string, string> { ["query"] = query.Trim(), ["instruction"] = instruction.Trim(), ["response"] = response.Trim() });

    public RenderedPrompt Compatibility(string first, string second) =>
        Render(PromptKind.Compatibility, new Dictionary<string, string> { ["first"] = first.Trim(), ["second"] = second.Trim() });

    public RenderedPrompt Questions(string instruction) =>
        Render(PromptKind.Questions, new Dictionary<string, string> { ["instruction"] = instruction.Trim() });

    /// <summary>The text goes in as it is, not trimmed: a case of only whitespace is a case.</summary>
    public RenderedPrompt QuestionVerdict(string question, string text) =>
        Render(PromptKind.QuestionVerdict, new Dictionary<string, string> { ["question"] = question.Trim(), ["response"] = text });

    private RenderedPrompt Render(PromptKind kind, IReadOnlyDictionary<string, string> variables)
    {
        var template = this[kind];
        return new RenderedPrompt(template, template.Render(variables));
    }

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
