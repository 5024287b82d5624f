namespace AutoIF.Core.Export;

/// <summary>One response with everything that judged it: the scores export row, whose field names are a contract (README, <see cref="ScoresWriter"/>).</summary>
/// <param name="JudgeScore">Null when the response was not judged.</param>
public sealed record ScoreRecord(
    string Run,
    int InstructionId,
    string Instruction,
    string Prompt,
    string Response,
    double? Accuracy,
    IReadOnlyList<VerdictEntry> Verdicts,
    double? JudgeScore,
    long ResponseId) : IExportRow
{
    public long SourceId => ResponseId;

    Provenance? IExportRow.Provenance => null;
}
