using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// LLaMA-Factory alpaca SFT: <c>{"instruction": P, "input": "", "output": R, "system"?: S, "history"?: [[q, a], ...]}</c>.
/// The composed prompt goes in <c>instruction</c> and <c>input</c> stays empty, because LLaMA-Factory joins the two
/// with a newline and the prompt is already joined the way the run composed it. Parquet has no <c>history</c>
/// column (AutoIF rows are single-turn); a row with history refuses Parquet.
/// </summary>
public sealed class AlpacaWriter(ExportWriterOptions options) : DatasetWriter<SftExample>(options)
{
    public override string Format => ExportFormats.Alpaca;

    public override ExportKind Kind => ExportKind.Sft;

    protected override void WriteJsonRow(Utf8JsonWriter json, SftExample row)
    {
        json.WriteStartObject();
        json.WriteString("instruction", row.Prompt);
        json.WriteString("input", "");
        json.WriteString("output", row.Response);
        if (row.System is not null)
        {
            json.WriteString("system", row.System);
        }
        if (row.History is { Count: > 0 } history)
        {
            json.WriteStartArray("history");
            foreach (var turn in history)
            {
                json.WriteStartArray();
                json.WriteStringValue(turn.Query);
                json.WriteStringValue(turn.Answer);
                json.WriteEndArray();
            }
            json.WriteEndArray();
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
            new ParquetStringColumn<SftExample>("instruction", r => r.History is { Count: > 0 }
                ? throw new InvalidOperationException("alpaca rows with history cannot be written to Parquet; use --container json or jsonl")
                : r.Prompt),
            new ParquetStringColumn<SftExample>("input", _ => ""),
            new ParquetStringColumn<SftExample>("output", r => r.Response),
            new ParquetStringColumn<SftExample>("system", r => r.System),
        };
        if (Options.IncludeMetadata)
        {
            columns.Add(new ParquetProvenanceColumn<SftExample>(r => r.Provenance));
        }
        return columns;
    }
}
