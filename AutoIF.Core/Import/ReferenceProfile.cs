namespace AutoIF.Core.Import;

/// <summary>
/// Where a reference file enters the pipeline: the status its rows start with, and the stages it stands in for,
/// which are marked completed so the orchestrator starts at the first stage the file did not cover.
/// </summary>
internal sealed record ReferenceProfile(
    ItemStatus InstructionStatus,
    ItemStatus VerifierStatus,
    CompileStatus VerifierCompileStatus,
    ItemStatus CaseStatus,
    IReadOnlyList<PipelineStage> CompletedStages)
{
    public static ReferenceProfile For(string format) => format switch
    {
        // Raw verifier answers: still to be compiled and cross-validated.
        ImportFormats.EvalFunc => new(ItemStatus.Pending, ItemStatus.Pending, CompileStatus.Unchecked, ItemStatus.Pending,
            Through(PipelineStage.Verifiers)),
        // Survivors of cross-validation with their back-translations: next is the consistency check.
        ImportFormats.BackTrans => new(ItemStatus.Kept, ItemStatus.Kept, CompileStatus.Ok, ItemStatus.Kept,
            Through(PipelineStage.BackTranslate)),
        // Prompts with sampled responses: next is running the functions on the responses.
        ImportFormats.QueryRft or ImportFormats.DpoQuery => new(ItemStatus.Kept, ItemStatus.Kept, CompileStatus.Ok, ItemStatus.Kept,
            Through(PipelineStage.Sample)),
        _ => throw new ArgumentException($"'{format}' is not a reference-file format.", nameof(format)),
    };

    private static PipelineStage[] Through(PipelineStage last) =>
        Enum.GetValues<PipelineStage>().Where(s => s <= last).ToArray();
}
