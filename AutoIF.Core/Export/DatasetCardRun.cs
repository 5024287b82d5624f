namespace AutoIF.Core.Export;

/// <summary>What the card says about one source run: its models, template hashes and settings.</summary>
/// <param name="Models">Role → model name, e.g. "supervision" → "qwen2-72b-instruct".</param>
/// <param name="TemplateHashes">Prompt template name → hash (from <c>Run.TemplatesJson</c>).</param>
/// <param name="Settings">Run settings as "Section:Property" → value (<c>RunSettingsEditor.Describe</c>).</param>
public sealed record DatasetCardRun(
    string Name,
    bool IsDemo,
    IReadOnlyDictionary<string, string> Models,
    IReadOnlyDictionary<string, string> TemplateHashes,
    IReadOnlyList<KeyValuePair<string, string>> Settings);
