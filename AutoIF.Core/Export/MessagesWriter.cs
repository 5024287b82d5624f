using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// TRL / OpenAI chat SFT: <c>{"messages": [{"role": "system", ...}?, {"role": "user", "content": P}, {"role": "assistant", "content": R}]}</c>.
/// The system prompt, when set, is the first message.
/// </summary>
public sealed class MessagesWriter(ExportWriterOptions options) : DatasetWriter<SftExample>(options)
{
    public override string Format => ExportFormats.Messages;

    public override ExportKind Kind => ExportKind.Sft;

    internal static List<MessageTurn> Conversation(SftExample row)
    {
        var messages = Conversations.Prompt(row.Prompt, row.System, row.History, ExportFormats.User, ExportFormats.Assistant, ExportFormats.System);
        messages.Add(new MessageTurn(ExportFormats.Assistant, row.Response));
        return messages;
    }

    protected override void WriteJsonRow(Utf8JsonWriter json, SftExample row)
    {
        json.WriteStartObject();
        Conversations.WriteMessages(json, "messages", Conversation(row), "role", "content");
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
            new ParquetMessageListColumn<SftExample>("messages", "role", "content", Conversation),
        };
        if (Options.IncludeMetadata)
        {
            columns.Add(new ParquetProvenanceColumn<SftExample>(r => r.Provenance));
        }
        return columns;
    }
}
