using Apache.Arrow;
using Apache.Arrow.Types;
using AutoIF.Core.Export;
using AutoIF.Core.Rewards;

namespace AutoIF.Tests.Export;

/// <summary>
/// RL Parquet files read back with ParquetSharp (Apache Arrow's C++ reader, the code under pyarrow and so under Hugging Face
/// datasets and verl), not with the library that wrote them: the nested schema a trainer sees, and every value.
/// </summary>
public sealed class RlParquetTests
{
    private static readonly RlPrompt First = new(
        "Describe autumn in Kyoto. Answer in fewer than 20 words.", new RewardLabel("kyoto", 42, [7]), ExportSamples.Provenance(sourceId: 42), "Be brief.", Index: 0);

    private static readonly RlPrompt Second = new(
        "Name three rivers. Use no commas.", new RewardLabel("kyoto", 43, [8, 9]), ExportSamples.Provenance(sourceId: 43, instructionId: 8), "Be brief.", Index: 1);

    private static async Task<(Schema Schema, RecordBatch Batch)> ReadAsync(string format, params RlPrompt[] rows)
    {
        var bytes = await ExportSamples.WriteAsync(new RlPromptWriter(format, new ExportWriterOptions { Container = ExportContainer.Parquet }), rows);
        using var folder = new Infrastructure.TempFolder("autoif-rl-parquet");
        var path = Path.Combine(folder.Path, "train.parquet");
        await File.WriteAllBytesAsync(path, bytes);
        using var reader = new ParquetSharp.Arrow.FileReader(path);
        using var batches = reader.GetRecordBatchReader();
        var batch = await batches.ReadNextRecordBatchAsync();
        Assert.NotNull(batch);
        return (reader.Schema, batch);
    }

    /// <summary>The schema as pyarrow prints it (<c>name: type</c>), nullability aside.</summary>
    private static string Describe(IArrowType type) => type switch
    {
        StringType => "string",
        Int64Type => "int64",
        Int32Type => "int32",
        ListType list => $"list<element: {Describe(list.ValueDataType)}>",
        StructType s => $"struct<{string.Join(", ", s.Fields.Select(f => $"{f.Name}: {Describe(f.DataType)}"))}>",
        _ => type.Name,
    };

    private static string[] Columns(Schema schema) => schema.FieldsList.Select(f => $"{f.Name}: {Describe(f.DataType)}").ToArray();

    private static string[] Strings(IArrowArray column)
    {
        var strings = (StringArray)column;
        return Enumerable.Range(0, strings.Length).Select(i => strings.GetString(i) ?? "<null>").ToArray();
    }

    private static StructArray Struct(RecordBatch batch, string name) => (StructArray)batch.Column(name);

    private static IArrowArray Field(StructArray array, string name) => array.Fields[((StructType)array.Data.DataType).GetFieldIndex(name)];

    private static List<(string Role, string Content)> MessagesAt(RecordBatch batch, string column, int row)
    {
        var list = (ListArray)batch.Column(column);
        var messages = (StructArray)list.GetSlicedValues(row);
        var roles = (StringArray)Field(messages, "role");
        var contents = (StringArray)Field(messages, "content");
        return Enumerable.Range(0, messages.Length).Select(i => (roles.GetString(i)!, contents.GetString(i)!)).ToList();
    }

    [Fact]
    public async Task Verl_parquet_has_verls_columns_with_structs_for_reward_model_and_extra_info()
    {
        var (schema, batch) = await ReadAsync(ExportFormats.Verl, First, Second);

        Assert.Equal(
        [
            "data_source: string",
            "prompt: list<element: struct<role: string, content: string>>",
            "ability: string",
            "reward_model: struct<style: string, ground_truth: string>",
            "extra_info: struct<index: int64, run: string, prompt_id: int32, instruction_ids: list<element: int32>>",
        ], Columns(schema));
        Assert.Equal(2, batch.Length);
        Assert.Equal(["autoif", "autoif"], Strings(batch.Column("data_source")));
        Assert.Equal(["instruction_following", "instruction_following"], Strings(batch.Column("ability")));
        Assert.Equal([("system", "Be brief."), ("user", Second.Prompt)], MessagesAt(batch, "prompt", 1));

        var reward = Struct(batch, "reward_model");
        Assert.Equal("rule", ((StringArray)Field(reward, "style")).GetString(1));
        Assert.Equal(Second.LabelJson, ((StringArray)Field(reward, "ground_truth")).GetString(1));
        Assert.Equal([8, 9], RewardLabel.Parse(((StringArray)Field(reward, "ground_truth")).GetString(1)).InstructionIds);

        var extra = Struct(batch, "extra_info");
        Assert.Equal([0L, 1L], Enumerable.Range(0, 2).Select(i => ((Int64Array)Field(extra, "index")).GetValue(i)!.Value));
        Assert.Equal("kyoto", ((StringArray)Field(extra, "run")).GetString(1));
        Assert.Equal(43, ((Int32Array)Field(extra, "prompt_id")).GetValue(1));
        var ids = (Int32Array)((ListArray)Field(extra, "instruction_ids")).GetSlicedValues(1);
        Assert.Equal([8, 9], Enumerable.Range(0, ids.Length).Select(i => ids.GetValue(i)!.Value));
    }

    [Fact]
    public async Task Trl_openrlhf_and_open_instruct_parquet_hold_the_prompt_and_label()
    {
        var (trlSchema, trl) = await ReadAsync(ExportFormats.TrlPrompts, First);
        Assert.Equal(["prompt: list<element: struct<role: string, content: string>>", "ground_truth: string"], Columns(trlSchema));
        Assert.Equal([("system", "Be brief."), ("user", First.Prompt)], MessagesAt(trl, "prompt", 0));
        Assert.Equal(First.LabelJson, ((StringArray)trl.Column("ground_truth")).GetString(0));

        var noSystem = First with { System = null };
        var (openRlhfSchema, openRlhf) = await ReadAsync(ExportFormats.OpenRlhf, noSystem);
        Assert.Equal(["prompt: string", "label: string"], Columns(openRlhfSchema));
        Assert.Equal((First.Prompt, First.LabelJson), (((StringArray)openRlhf.Column("prompt")).GetString(0), ((StringArray)openRlhf.Column("label")).GetString(0)));

        var (openInstructSchema, openInstruct) = await ReadAsync(ExportFormats.OpenInstruct, noSystem);
        Assert.Equal(["messages: list<element: struct<role: string, content: string>>", "ground_truth: string", "dataset: string"], Columns(openInstructSchema));
        Assert.Equal([("user", First.Prompt)], MessagesAt(openInstruct, "messages", 0));
        Assert.Equal("autoif", ((StringArray)openInstruct.Column("dataset")).GetString(0));
    }
}
