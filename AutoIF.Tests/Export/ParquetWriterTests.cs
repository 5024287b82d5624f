using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using Parquet;
using Parquet.Serialization;

namespace AutoIF.Tests.Export;

/// <summary>Parquet files read back with Parquet.Net: one column per field, lists of structs for messages, bounded row groups.</summary>
public class ParquetWriterTests
{
    private static async Task<(List<Dictionary<string, object>> Rows, int RowGroups)> ReadBackAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, null, null, default);
        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream, null, false, default);
        return (result.Data.ToList(), reader.RowGroupCount);
    }

    private static List<Dictionary<string, object>> Messages(object value) =>
        ((System.Collections.IEnumerable)value).Cast<Dictionary<string, object>>().ToList();

    [Fact]
    public async Task Messages_are_a_list_of_role_content_structs()
    {
        var writer = new MessagesWriter(new ExportWriterOptions { Container = ExportContainer.Parquet });
        var (rows, _) = await ReadBackAsync(await ExportSamples.WriteAsync(writer, ExportSamples.Sft(), ExportSamples.Sft(system: null)));
        Assert.Equal(2, rows.Count);
        var first = Messages(rows[0]["messages"]);
        Assert.Equal(["system", "user", "assistant"], first.Select(m => (string)m["role"]));
        Assert.Equal(ExportSamples.Prompt, first[1]["content"]);
        Assert.Equal(ExportSamples.Response, first[2]["content"]);
        Assert.Equal(["user", "assistant"], Messages(rows[1]["messages"]).Select(m => (string)m["role"]));
    }

    [Fact]
    public async Task Alpaca_columns_hold_the_row_fields()
    {
        var writer = new AlpacaWriter(new ExportWriterOptions { Container = ExportContainer.Parquet });
        var (rows, _) = await ReadBackAsync(await ExportSamples.WriteAsync(writer, ExportSamples.Sft()));
        var row = Assert.Single(rows);
        Assert.Equal(ExportSamples.Prompt, row["instruction"]);
        Assert.Equal("", row["input"]);
        Assert.Equal(ExportSamples.Response, row["output"]);
        Assert.Equal(ExportSamples.System, row["system"]);
    }

    [Fact]
    public async Task Llamafactory_sharegpt_preference_has_message_structs_for_chosen_and_rejected()
    {
        var writer = new LlamaFactoryDpoWriter(new ExportWriterOptions { Container = ExportContainer.Parquet, Layout = LlamaFactoryLayout.ShareGpt });
        var (rows, _) = await ReadBackAsync(await ExportSamples.WriteAsync(writer, ExportSamples.Dpo()));
        var row = Assert.Single(rows);
        var conversation = Messages(row["conversations"]);
        Assert.Equal("human", conversation.Single()["from"]);
        Assert.Equal(ExportSamples.Prompt, conversation.Single()["value"]);
        var chosen = (Dictionary<string, object>)row["chosen"];
        var rejected = (Dictionary<string, object>)row["rejected"];
        Assert.Equal("gpt", chosen["from"]);
        Assert.Equal(ExportSamples.Response, chosen["value"]);
        Assert.Equal(ExportSamples.Rejected, rejected["value"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trl_dpo_plain_and_conversational_read_back(bool conversational)
    {
        var writer = new TrlDpoWriter(new ExportWriterOptions { Container = ExportContainer.Parquet, Conversational = conversational });
        var (rows, _) = await ReadBackAsync(await ExportSamples.WriteAsync(writer, ExportSamples.Dpo()));
        var row = Assert.Single(rows);
        if (conversational)
        {
            Assert.Equal(ExportSamples.Prompt, Messages(row["prompt"]).Single()["content"]);
            Assert.Equal("assistant", Messages(row["chosen"]).Single()["role"]);
            Assert.Equal(ExportSamples.Rejected, Messages(row["rejected"]).Single()["content"]);
        }
        else
        {
            Assert.Equal(ExportSamples.Prompt, row["prompt"]);
            Assert.Equal(ExportSamples.Response, row["chosen"]);
            Assert.Equal(ExportSamples.Rejected, row["rejected"]);
        }
    }

    [Fact]
    public async Task Metadata_struct_round_trips_including_an_empty_verifier_list()
    {
        var writer = new TrlDpoWriter(new ExportWriterOptions { Container = ExportContainer.Parquet, IncludeMetadata = true });
        var withVerifiers = ExportSamples.Dpo();
        var withoutVerifiers = withVerifiers with { Provenance = withVerifiers.Provenance with { VerifierIds = [], JudgeScore = null, SourceId = 2, Level = PairLevel.Instruction } };
        var (rows, _) = await ReadBackAsync(await ExportSamples.WriteAsync(writer, withVerifiers, withoutVerifiers));
        var first = (Dictionary<string, object>)rows[0]["metadata"];
        Assert.Equal("kyoto", first["run"]);
        Assert.Equal(7, first["instruction_id"]);
        Assert.Equal([11, 12], ((System.Collections.IEnumerable)first["verifier_ids"]).Cast<int>());
        Assert.Equal(9.0, first["judge_score"]);
        Assert.Equal("query", first["level"]);
        var second = (Dictionary<string, object>)rows[1]["metadata"];
        Assert.Empty(((System.Collections.IEnumerable)second["verifier_ids"]).Cast<int>());
        Assert.False(second.TryGetValue("judge_score", out var score) && score is not null);
        Assert.Equal("instruction", second["level"]);
        Assert.Equal(2L, second["source_id"]);
    }

    [Fact]
    public async Task Rows_are_written_in_row_groups_of_bounded_size()
    {
        var writer = new TrlDpoWriter(new ExportWriterOptions { Container = ExportContainer.Parquet, RowGroupRows = 10 });
        var rows = Enumerable.Range(0, 25).Select(i => ExportSamples.Dpo() with { Prompt = $"Prompt {i}." }).ToList();
        var (read, groups) = await ReadBackAsync(await ExportSamples.WriteAsync(writer, rows));
        Assert.Equal(3, groups);
        Assert.Equal(rows.Select(r => r.Prompt), read.Select(r => (string)r["prompt"]));
    }

    [Fact]
    public async Task An_empty_export_is_a_valid_file_with_the_schema()
    {
        var writer = new AlpacaWriter(new ExportWriterOptions { Container = ExportContainer.Parquet });
        var bytes = await ExportSamples.WriteAsync(writer);
        using var stream = new MemoryStream(bytes);
        await using var reader = await ParquetReader.CreateAsync(stream, null, false, default);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Contains(reader.Schema.DataFields, f => f.Name == "output");
    }
}
