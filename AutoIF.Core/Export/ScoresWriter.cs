using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// The scores export (format <c>jsonl</c>, kind scores): one object per response with its prompt, instruction,
/// accuracy, per-verifier verdicts and judge score, in this record, whose field names readers of the file rely on:
/// <c>{"run", "instruction_id", "instruction", "prompt", "response", "accuracy", "verdicts": [{"verifier_id", "verifier_version", "verdict", "detail"}], "judge_score"}</c>;
/// in a run with question verifiers every verdict entry also names its <c>"kind"</c>, <c>code</c> or <c>question</c>.
/// A response to a prompt with several constraints adds <c>"difficulty"</c> (k) and <c>"constraints"</c> (<see cref="ConstraintEntry"/>);
/// its <c>instruction_id</c> and <c>instruction</c> are the lead's, <c>verdicts</c> all of them, <c>accuracy</c> the weakest constraint's.
/// </summary>
public sealed class ScoresWriter(ExportWriterOptions options) : DatasetWriter<ScoreRecord>(options)
{
    public override string Format => ExportFormats.ScoresJsonl;

    public override ExportKind Kind => ExportKind.Scores;

    protected override void WriteJsonRow(Utf8JsonWriter json, ScoreRecord row)
    {
        json.WriteStartObject();
        json.WriteString("run", row.Run);
        json.WriteNumber("instruction_id", row.InstructionId);
        json.WriteString("instruction", row.Instruction);
        json.WriteString("prompt", row.Prompt);
        json.WriteString("response", row.Response);
        ProvenanceJson.WriteNullable(json, "accuracy", row.Accuracy);
        WriteVerdicts(json, row.Verdicts);
        ProvenanceJson.WriteNullable(json, "judge_score", row.JudgeScore);
        if (row.Constraints is { } constraints)
        {
            json.WriteNumber("difficulty", constraints.Count);
            json.WriteStartArray("constraints");
            foreach (var constraint in constraints)
            {
                json.WriteStartObject();
                json.WriteNumber("instruction_id", constraint.InstructionId);
                json.WriteString("instruction", constraint.Instruction);
                json.WriteNumber("accuracy", constraint.Accuracy);
                json.WriteBoolean("passed", constraint.Passed);
                WriteVerdicts(json, constraint.Verdicts);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteVerdicts(Utf8JsonWriter json, IReadOnlyList<VerdictEntry> verdicts)
    {
        json.WriteStartArray("verdicts");
        foreach (var verdict in verdicts)
        {
            json.WriteStartObject();
            json.WriteNumber("verifier_id", verdict.VerifierId);
            json.WriteNumber("verifier_version", verdict.VerifierVersion);
            if (verdict.Kind is { } kind)
            {
                json.WriteString("kind", VerdictEntry.KindName(kind));
            }
            json.WriteString("verdict", VerdictEntry.Name(verdict.Verdict));
            if (verdict.Detail is null)
            {
                json.WriteNull("detail");
            }
            else
            {
                json.WriteString("detail", verdict.Detail);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private protected override IReadOnlyList<ParquetColumn<ScoreRecord>> ParquetColumns() =>
        throw new NotSupportedException("the scores export is written as JSONL (or a JSON array) only");
}
