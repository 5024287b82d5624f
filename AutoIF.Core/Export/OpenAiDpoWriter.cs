using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// OpenAI preference fine-tuning (JSONL only, as the fine-tuning API takes it):
/// <c>{"input": {"messages": [{"role": "system"}?, {"role": "user", "content": P}]}, "preferred_output": [{"role": "assistant", "content": C}], "non_preferred_output": [{"role": "assistant", "content": X}]}</c>.
/// The optional <c>tools</c>/<c>parallel_tool_calls</c> keys are left out: AutoIF prompts use no tools.
/// </summary>
public sealed class OpenAiDpoWriter(ExportWriterOptions options) : DatasetWriter<DpoExample>(options)
{
    public override string Format => ExportFormats.OpenAiDpo;

    public override ExportKind Kind => ExportKind.Dpo;

    protected override void WriteJsonRow(Utf8JsonWriter json, DpoExample row)
    {
        json.WriteStartObject();
        json.WriteStartObject("input");
        Conversations.WriteMessages(json, "messages", Conversations.Prompt(row.Prompt, row.System, null, ExportFormats.User, ExportFormats.Assistant, ExportFormats.System), "role", "content");
        json.WriteEndObject();
        Conversations.WriteMessages(json, "preferred_output", [new MessageTurn(ExportFormats.Assistant, row.Chosen)], "role", "content");
        Conversations.WriteMessages(json, "non_preferred_output", [new MessageTurn(ExportFormats.Assistant, row.Rejected)], "role", "content");
        if (Options.IncludeMetadata)
        {
            json.WritePropertyName(ProvenanceJson.PropertyName);
            ProvenanceJson.WriteObject(json, row.Provenance);
        }
        json.WriteEndObject();
    }

    private protected override IReadOnlyList<ParquetColumn<DpoExample>> ParquetColumns() =>
        throw new NotSupportedException("openai-dpo is written as JSONL only");
}
