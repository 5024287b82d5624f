using AutoIF.Core.Llm;

namespace AutoIF.Core.Export;

/// <summary>What the card says about one source run: its models, template hashes and settings.</summary>
/// <param name="Models">Role → model name, e.g. "supervision" → "qwen2-72b-instruct".</param>
/// <param name="Templates">The prompt templates the run's model calls sent, with their hashes (from <c>Run.TemplatesJson</c>).</param>
/// <param name="Settings">Run settings as "Section:Property" → value (<c>RunSettingsEditor.Describe</c>).</param>
public sealed record DatasetCardRun(
    string Name,
    bool IsDemo,
    IReadOnlyDictionary<string, string> Models,
    IReadOnlyList<TemplateUse> Templates,
    IReadOnlyList<KeyValuePair<string, string>> Settings);
