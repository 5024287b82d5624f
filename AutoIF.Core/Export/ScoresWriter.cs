using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// The scores export (format <c>jsonl</c>, kind scores): one object per response with its prompt, instruction,
/// accuracy, per-verifier verdicts and judge score, in this record, whose field names readers of the file rely on:
/// <c>{"run", "instruction_id", "instruction", "prompt", "response", "accuracy", "verdicts": [{"verifier_id", "verifier_version", "verdict", "detail"}], "judge_score"}</c>.
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
        json.WriteStartArray("verdicts");
        foreach (var verdict in row.Verdicts)
        {
            json.WriteStartObject();
            json.WriteNumber("verifier_id", verdict.VerifierId);
            json.WriteNumber("verifier_version", verdict.VerifierVersion);
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
        ProvenanceJson.WriteNullable(json, "judge_score", row.JudgeScore);
        json.WriteEndObject();
    }

    private protected override IReadOnlyList<ParquetColumn<ScoreRecord>> ParquetColumns() =>
        throw new NotSupportedException("the scores export is written as JSONL (or a JSON array) only");
}
