using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// TRL preference data. Plain (standard): <c>{"prompt": P, "chosen": C, "rejected": X}</c>. Conversational:
/// <c>{"prompt": [{"role": "system"}?, {"role": "user", "content": P}], "chosen": [{"role": "assistant", "content": C}], "rejected": [...]}</c>.
/// The plain shape has no place for a system prompt, so a row with one asks for the conversational option instead of losing it.
/// </summary>
public sealed class TrlDpoWriter(ExportWriterOptions options) : DatasetWriter<DpoExample>(options)
{
    public override string Format => ExportFormats.TrlDpo;

    public override ExportKind Kind => ExportKind.Dpo;

    private static List<MessageTurn> PromptMessages(DpoExample row) =>
        Conversations.Prompt(row.Prompt, row.System, null, ExportFormats.User, ExportFormats.Assistant, ExportFormats.System);

    private static string PlainPrompt(DpoExample row) => row.System is null
        ? row.Prompt
        : throw new InvalidOperationException("trl-dpo plain rows have no system field; use the conversational option to keep the system prompt");

    protected override void WriteJsonRow(Utf8JsonWriter json, DpoExample row)
    {
        json.WriteStartObject();
        if (Options.Conversational)
        {
            Conversations.WriteMessages(json, "prompt", PromptMessages(row), "role", "content");
            Conversations.WriteMessages(json, "chosen", [new MessageTurn(ExportFormats.Assistant, row.Chosen)], "role", "content");
            Conversations.WriteMessages(json, "rejected", [new MessageTurn(ExportFormats.Assistant, row.Rejected)], "role", "content");
        }
        else
        {
            json.WriteString("prompt", PlainPrompt(row));
            json.WriteString("chosen", row.Chosen);
            json.WriteString("rejected", row.Rejected);
        }
        if (Options.IncludeMetadata)
        {
            json.WritePropertyName(ProvenanceJson.PropertyName);
            ProvenanceJson.WriteObject(json, row.Provenance);
        }
        json.WriteEndObject();
    }

    private protected override IReadOnlyList<ParquetColumn<DpoExample>> ParquetColumns()
    {
        var columns = Options.Conversational
            ? new List<ParquetColumn<DpoExample>>
            {
                new ParquetMessageListColumn<DpoExample>("prompt", "role", "content", PromptMessages),
                new ParquetMessageListColumn<DpoExample>("chosen", "role", "content", r => [new MessageTurn(ExportFormats.Assistant, r.Chosen)]),
                new ParquetMessageListColumn<DpoExample>("rejected", "role", "content", r => [new MessageTurn(ExportFormats.Assistant, r.Rejected)]),
            }
            : new List<ParquetColumn<DpoExample>>
            {
                new ParquetStringColumn<DpoExample>("prompt", PlainPrompt),
                new ParquetStringColumn<DpoExample>("chosen", r => r.Chosen),
                new ParquetStringColumn<DpoExample>("rejected", r => r.Rejected),
            };
        if (Options.IncludeMetadata)
        {
            columns.Add(new ParquetProvenanceColumn<DpoExample>(r => r.Provenance));
        }
        return columns;
    }
}
