namespace AutoIF.Core.Export;

/// <summary>
/// One instruction that passed cross-validation, with what a dataset needs to ship its verifiers: the kept functions
/// and their accuracies, the kept cases, and its back-translations with their NLI labels (kind <c>verifiers</c>).
/// </summary>
public sealed record VerifierSetRecord(
    string Run,
    int InstructionId,
    string Instruction,
    IReadOnlyList<VerifierSetFunction> Functions,
    IReadOnlyList<VerifierSetCase> Cases,
    IReadOnlyList<VerifierSetBackTranslation> BackTranslations) : IExportRow
{
    /// <summary>The kept question verifiers (text and accuracy on the cases), decision 034; empty in a code-only run.</summary>
    public IReadOnlyList<VerifierSetFunction> Questions { get; init; } = [];

    string IExportRow.Prompt => Instruction;

    long IExportRow.SourceId => InstructionId;

    Provenance? IExportRow.Provenance => null;
}
