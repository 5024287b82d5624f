namespace AutoIF.Core.Export;

/// <summary>One response with everything that judged it: the scores export row, whose field names are a contract (README, <see cref="ScoresWriter"/>).</summary>
/// <param name="JudgeScore">Null when the response was not judged.</param>
/// <param name="Constraints">Each constraint's result when the prompt carries several (decision 024); null for a single-constraint prompt, whose row is unchanged.</param>
public sealed record ScoreRecord(
    string Run,
    int InstructionId,
    string Instruction,
    string Prompt,
    string Response,
    double? Accuracy,
    IReadOnlyList<VerdictEntry> Verdicts,
    double? JudgeScore,
    long ResponseId,
    IReadOnlyList<ConstraintEntry>? Constraints = null) : IExportRow
{
    public long SourceId => ResponseId;

    Provenance? IExportRow.Provenance => null;
}
