namespace AutoIF.Core.Export;

/// <summary>One supervised fine-tuning example: prompt → kept response.</summary>
/// <param name="Prompt">Query and instruction composed by <see cref="Pipeline.PromptComposer"/>.</param>
/// <param name="Response">The kept response.</param>
/// <param name="System">Optional system prompt; writers omit the field when null.</param>
/// <param name="History">Optional earlier turns; writers omit the field when null or empty.</param>
public sealed record SftExample(
    string Prompt,
    string Response,
    Provenance Provenance,
    string? System = null,
    IReadOnlyList<HistoryTurn>? History = null) : IExportRow
{
    public int InstructionId => Provenance.InstructionId;

    public long SourceId => Provenance.SourceId;
}
