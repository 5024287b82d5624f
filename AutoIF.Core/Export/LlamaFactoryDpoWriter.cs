using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// LLaMA-Factory preference data (<c>ranking: true</c>). Alpaca layout: <c>{"instruction": P, "input": "", "chosen": C, "rejected": X, "system"?: S}</c>.
/// Sharegpt layout: <c>{"conversations": [{"from": "human", "value": P}], "chosen": {"from": "gpt", "value": C}, "rejected": {"from": "gpt", "value": X}, "system"?: S}</c>.
/// </summary>
public sealed class LlamaFactoryDpoWriter(ExportWriterOptions options) : DatasetWriter<DpoExample>(options)
{
    public override string Format => ExportFormats.LlamaFactoryDpo;

    public override ExportKind Kind => ExportKind.Dpo;

    private static List<MessageTurn> Prompt(DpoExample row) => [new MessageTurn(ExportFormats.Human, row.Prompt)];

    protected override void WriteJsonRow(Utf8JsonWriter json, DpoExample row)
    {
        json.WriteStartObject();
        if (Options.Layout == LlamaFactoryLayout.ShareGpt)
        {
            Conversations.WriteMessages(json, "conversations", Prompt(row), "from", "value");
            json.WritePropertyName("chosen");
            Conversations.WriteMessage(json, new MessageTurn(ExportFormats.Gpt, row.Chosen), "from", "value");
            json.WritePropertyName("rejected");
            Conversations.WriteMessage(json, new MessageTurn(ExportFormats.Gpt, row.Rejected), "from", "value");
        }
        else
        {
            json.WriteString("instruction", row.Prompt);
            json.WriteString("input", "");
            json.WriteString("chosen", row.Chosen);
            json.WriteString("rejected", row.Rejected);
        }
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

    private protected override IReadOnlyList<ParquetColumn<DpoExample>> ParquetColumns()
    {
        var columns = Options.Layout == LlamaFactoryLayout.ShareGpt
            ? new List<ParquetColumn<DpoExample>>
            {
                new ParquetMessageListColumn<DpoExample>("conversations", "from", "value", Prompt),
                new ParquetMessageColumn<DpoExample>("chosen", "from", "value", r => new MessageTurn(ExportFormats.Gpt, r.Chosen)),
                new ParquetMessageColumn<DpoExample>("rejected", "from", "value", r => new MessageTurn(ExportFormats.Gpt, r.Rejected)),
            }
            : new List<ParquetColumn<DpoExample>>
            {
                new ParquetStringColumn<DpoExample>("instruction", r => r.Prompt),
                new ParquetStringColumn<DpoExample>("input", _ => ""),
                new ParquetStringColumn<DpoExample>("chosen", r => r.Chosen),
                new ParquetStringColumn<DpoExample>("rejected", r => r.Rejected),
            };
        columns.Add(new ParquetStringColumn<DpoExample>("system", r => r.System));
        if (Options.IncludeMetadata)
        {
            columns.Add(new ParquetProvenanceColumn<DpoExample>(r => r.Provenance));
        }
        return columns;
    }
}
