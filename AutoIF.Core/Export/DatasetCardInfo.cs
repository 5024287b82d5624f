namespace AutoIF.Core.Export;

/// <summary>
/// Everything the dataset card says that the writers cannot know: filled by the caller from the database.
/// Row counts per split are added by <see cref="ExportBundleWriter"/> (or passed by the caller).
/// </summary>
/// <param name="DatasetName">Name used for the dataset_info.json entry and the card title (letters, digits, '-', '_').</param>
/// <param name="Filters">Export filters as flag name → value, e.g. "min-judge-score" → "8".</param>
public sealed record DatasetCardInfo(
    string DatasetName,
    ExportKind Kind,
    string Format,
    ExportWriterOptions WriterOptions,
    IReadOnlyList<DatasetCardRun> Runs,
    IReadOnlyList<StageCount> Funnel,
    IReadOnlyList<KeyValuePair<string, string>> Filters,
    DateTimeOffset CreatedAt,
    string? SystemPrompt = null)
{
    /// <summary>RL only: prompts left out because only question verifiers check their instruction and Reward:Questions is off (decision 040).</summary>
    public long? SoftPromptsLeftOut { get; init; }
}
