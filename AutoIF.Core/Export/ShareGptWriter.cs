using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// LLaMA-Factory sharegpt SFT: <c>{"conversations": [{"from": "human", "value": P}, {"from": "gpt", "value": R}], "system"?: S}</c>.
/// History turns come first as human/gpt pairs; the system prompt is the top-level <c>system</c> field, as LLaMA-Factory reads it.
/// </summary>
public sealed class ShareGptWriter(ExportWriterOptions options) : DatasetWriter<SftExample>(options)
{
    public override string Format => ExportFormats.ShareGpt;

    public override ExportKind Kind => ExportKind.Sft;

    internal static List<MessageTurn> Conversation(SftExample row)
    {
        var messages = Conversations.Prompt(row.Prompt, null, row.History, ExportFormats.Human, ExportFormats.Gpt, null);
        messages.Add(new MessageTurn(ExportFormats.Gpt, row.Response));
        return messages;
    }

    protected override void WriteJsonRow(Utf8JsonWriter json, SftExample row)
    {
        json.WriteStartObject();
        Conversations.WriteMessages(json, "conversations", Conversation(row), "from", "value");
        if (row.System is not null)
        {
            json.WriteString("system", row.System);
        }
        if (Options.IncludeMetadata)
        {
            json.WritePropertyName(ProvenanceJson.PropertyName);
            ProvenanceJson.WriteObject(json, row.Provenance);
        }
        json.WriteEndObject();
    }

    private protected override IReadOnlyList<ParquetColumn<SftExample>> ParquetColumns()
    {
        var columns = new List<ParquetColumn<SftExample>>
        {
            new ParquetMessageListColumn<SftExample>("conversations", "from", "value", Conversation),
            new ParquetStringColumn<SftExample>("system", r => r.System),
        };
        if (Options.IncludeMetadata)
        {
            columns.Add(new ParquetProvenanceColumn<SftExample>(r => r.Provenance));
        }
        return columns;
    }
}
