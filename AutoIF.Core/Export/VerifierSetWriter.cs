using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// Kind <c>verifiers</c>: the rows code/3_cross_validation.py writes, <c>{"instruction", "eval_func": [[code, accuracy], ...],
/// "cases": [[input, output], ...]}</c> plus <c>"instruction_id"</c> and <c>"run"</c> (format <c>autoif-cross-validation</c>);
/// <c>autoif-back-trans</c> adds <c>"back_instruction"</c> (texts) and <c>"nli_labels"</c> (one per text), the shape the
/// scripts' back-translation steps read and write. A case's output is the value as written, else the boolean. An instruction
/// with kept question verifiers (decision 034) adds <c>"questions": [[question, accuracy], ...]</c>; <c>eval_func</c> holds code only.
/// </summary>
public sealed class VerifierSetWriter(ExportWriterOptions options, bool withBackTranslations) : DatasetWriter<VerifierSetRecord>(options)
{
    public override string Format => withBackTranslations ? ExportFormats.AutoIfBackTrans : ExportFormats.AutoIfCrossValidation;

    public override ExportKind Kind => ExportKind.Verifiers;

    protected override void WriteJsonRow(Utf8JsonWriter json, VerifierSetRecord row)
    {
        json.WriteStartObject();
        json.WriteString("run", row.Run);
        json.WriteNumber("instruction_id", row.InstructionId);
        json.WriteString("instruction", row.Instruction);
        json.WriteStartArray("eval_func");
        foreach (var function in row.Functions)
        {
            json.WriteStartArray();
            json.WriteStringValue(function.Code);
            json.WriteNumberValue(function.Accuracy);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        if (row.Questions.Count > 0)
        {
            json.WriteStartArray("questions");
            foreach (var question in row.Questions)
            {
                json.WriteStartArray();
                json.WriteStringValue(question.Code);
                json.WriteNumberValue(question.Accuracy);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteStartArray("cases");
        foreach (var testCase in row.Cases)
        {
            json.WriteStartArray();
            json.WriteStringValue(testCase.Input);
            if (testCase.ExpectedJson is null)
            {
                json.WriteBooleanValue(testCase.Expected);
            }
            else
            {
                json.WriteRawValue(testCase.ExpectedJson);
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
        if (withBackTranslations)
        {
            json.WriteStartArray("back_instruction");
            foreach (var back in row.BackTranslations)
            {
                json.WriteStringValue(back.Text);
            }
            json.WriteEndArray();
            json.WriteStartArray("nli_labels");
            foreach (var back in row.BackTranslations)
            {
                json.WriteStringValue(back.Label);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private protected override IReadOnlyList<ParquetColumn<VerifierSetRecord>> ParquetColumns() =>
        throw new NotSupportedException("the verifiers export is written as JSONL (or a JSON array) only");
}
