using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary>
/// RL prompt sets in the shape each trainer reads (README "Train with RL", DESIGN §11.3); every row carries the prompt and
/// the label string (<see cref="RlPrompt.LabelJson"/>) the reward service scores a rollout by:
/// <list type="bullet">
/// <item><c>verl</c>: <c>{"data_source": "autoif", "prompt": [messages], "ability": "instruction_following", "reward_model": {"style": "rule", "ground_truth": LABEL}, "extra_info": {"index", "run", "prompt_id", "instruction_ids"}}</c>;
/// in Parquet <c>reward_model</c> and <c>extra_info</c> are structs, as verl reads them.</item>
/// <item><c>openrlhf</c>: <c>{"prompt": P, "label": LABEL}</c>.</item>
/// <item><c>trl</c>: <c>{"prompt": [messages], "ground_truth": LABEL}</c>, GRPO's conversational prompt-only rows.</item>
/// <item><c>open-instruct</c>: <c>{"messages": [user], "ground_truth": LABEL, "dataset": "autoif"}</c>.</item>
/// </list>
/// openrlhf (a string prompt) and open-instruct (which takes a lone message as the prompt) refuse a system prompt in <see cref="DatasetExporter.Validate"/>.
/// </summary>
public sealed class RlPromptWriter : DatasetWriter<RlPrompt>
{
    public const string DataSource = "autoif";
    public const string Ability = "instruction_following";
    public const string RewardStyle = "rule";

    public RlPromptWriter(string format, ExportWriterOptions options)
        : base(options)
    {
        if (format is not (ExportFormats.Verl or ExportFormats.OpenRlhf or ExportFormats.TrlPrompts or ExportFormats.OpenInstruct))
        {
            throw new ArgumentException($"'{format}' is not an RL format", nameof(format));
        }
        Format = format;
    }

    public override string Format { get; }

    public override ExportKind Kind => ExportKind.Rl;

    private static List<MessageTurn> Messages(RlPrompt row) =>
        Conversations.Prompt(row.Prompt, row.System, null, ExportFormats.User, ExportFormats.Assistant, ExportFormats.System);

    protected override void WriteJsonRow(Utf8JsonWriter json, RlPrompt row)
    {
        json.WriteStartObject();
        switch (Format)
        {
            case ExportFormats.Verl:
                json.WriteString("data_source", DataSource);
                Conversations.WriteMessages(json, "prompt", Messages(row), "role", "content");
                json.WriteString("ability", Ability);
                json.WriteStartObject("reward_model");
                json.WriteString("style", RewardStyle);
                json.WriteString("ground_truth", row.LabelJson);
                json.WriteEndObject();
                json.WriteStartObject("extra_info");
                json.WriteNumber("index", row.Index);
                json.WriteString("run", row.Label.Run);
                json.WriteNumber("prompt_id", row.Label.PromptId);
                json.WriteStartArray("instruction_ids");
                foreach (var id in row.Label.InstructionIds)
                {
                    json.WriteNumberValue(id);
                }
                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case ExportFormats.OpenRlhf:
                json.WriteString("prompt", row.Prompt);
                json.WriteString("label", row.LabelJson);
                break;
            case ExportFormats.TrlPrompts:
                Conversations.WriteMessages(json, "prompt", Messages(row), "role", "content");
                json.WriteString("ground_truth", row.LabelJson);
                break;
            default:
                Conversations.WriteMessages(json, "messages", Messages(row), "role", "content");
                json.WriteString("ground_truth", row.LabelJson);
                json.WriteString("dataset", DataSource);
                break;
        }
        if (Options.IncludeMetadata)
        {
            json.WritePropertyName(ProvenanceJson.PropertyName);
            ProvenanceJson.WriteObject(json, row.Provenance);
        }
        json.WriteEndObject();
    }

    private protected override IReadOnlyList<ParquetColumn<RlPrompt>> ParquetColumns()
    {
        var messages = new ParquetMessageListColumn<RlPrompt>(Format == ExportFormats.OpenInstruct ? "messages" : "prompt", "role", "content", Messages);
        var columns = new List<ParquetColumn<RlPrompt>>();
        switch (Format)
        {
            case ExportFormats.Verl:
                columns.Add(new ParquetStringColumn<RlPrompt>("data_source", _ => DataSource));
                columns.Add(messages);
                columns.Add(new ParquetStringColumn<RlPrompt>("ability", _ => Ability));
                columns.Add(new ParquetStructColumn<RlPrompt>("reward_model",
                    new ParquetStringColumn<RlPrompt>("style", _ => RewardStyle),
                    new ParquetStringColumn<RlPrompt>("ground_truth", r => r.LabelJson)));
                columns.Add(new ParquetStructColumn<RlPrompt>("extra_info",
                    new ParquetValueColumn<RlPrompt, long>("index", r => r.Index),
                    new ParquetStringColumn<RlPrompt>("run", r => r.Label.Run),
                    new ParquetValueColumn<RlPrompt, int>("prompt_id", r => r.Label.PromptId),
                    new ParquetIntListColumn<RlPrompt>("instruction_ids", r => r.Label.InstructionIds)));
                break;
            case ExportFormats.OpenRlhf:
                columns.Add(new ParquetStringColumn<RlPrompt>("prompt", r => r.Prompt));
                columns.Add(new ParquetStringColumn<RlPrompt>("label", r => r.LabelJson));
                break;
            case ExportFormats.TrlPrompts:
                columns.Add(messages);
                columns.Add(new ParquetStringColumn<RlPrompt>("ground_truth", r => r.LabelJson));
                break;
            default:
                columns.Add(messages);
                columns.Add(new ParquetStringColumn<RlPrompt>("ground_truth", r => r.LabelJson));
                columns.Add(new ParquetStringColumn<RlPrompt>("dataset", _ => DataSource));
                break;
        }
        if (Options.IncludeMetadata)
        {
            columns.Add(new ParquetProvenanceColumn<RlPrompt>(r => r.Provenance));
        }
        return columns;
    }
}
