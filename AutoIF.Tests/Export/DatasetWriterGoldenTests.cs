using System.Text;
using System.Text.Json;
using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

/// <summary>Each writer's output against a golden file written by hand from the consumer's documentation.</summary>
public class DatasetWriterGoldenTests
{
    [Theory]
    [InlineData("alpaca", "alpaca.json", ExportContainer.Json)]
    [InlineData("sharegpt", "sharegpt.json", ExportContainer.Json)]
    [InlineData("messages", "messages.jsonl", ExportContainer.Jsonl)]
    public async Task Sft_writer_matches_the_documented_row(string format, string golden, ExportContainer container)
    {
        var writer = DatasetWriterRegistry.CreateSft(format, new ExportWriterOptions { Container = container });
        var bytes = await ExportSamples.WriteAsync(writer, ExportSamples.Sft());
        AssertMatchesGolden(golden, bytes, container);
    }

    [Theory]
    [InlineData("llamafactory-dpo", "llamafactory-dpo-alpaca.json", ExportContainer.Json, false, LlamaFactoryLayout.Alpaca)]
    [InlineData("llamafactory-dpo", "llamafactory-dpo-sharegpt.json", ExportContainer.Json, false, LlamaFactoryLayout.ShareGpt)]
    [InlineData("trl-dpo", "trl-dpo.jsonl", ExportContainer.Jsonl, false, LlamaFactoryLayout.Alpaca)]
    [InlineData("trl-dpo", "trl-dpo-conversational.jsonl", ExportContainer.Jsonl, true, LlamaFactoryLayout.Alpaca)]
    [InlineData("openai-dpo", "openai-dpo.jsonl", ExportContainer.Jsonl, false, LlamaFactoryLayout.Alpaca)]
    public async Task Dpo_writer_matches_the_documented_row(string format, string golden, ExportContainer container, bool conversational, LlamaFactoryLayout layout)
    {
        var writer = DatasetWriterRegistry.CreateDpo(format, new ExportWriterOptions { Container = container, Conversational = conversational, Layout = layout });
        var bytes = await ExportSamples.WriteAsync(writer, ExportSamples.Dpo());
        AssertMatchesGolden(golden, bytes, container);
    }

    [Fact]
    public async Task Scores_writer_matches_the_contract_record()
    {
        var writer = DatasetWriterRegistry.CreateScores("jsonl", new ExportWriterOptions());
        var bytes = await ExportSamples.WriteAsync(writer, ExportSamples.Score());
        AssertMatchesGolden("scores.jsonl", bytes, ExportContainer.Jsonl);
    }

    [Fact]
    public async Task Optional_fields_are_left_out_when_absent_and_history_is_written_as_pairs()
    {
        var writer = new AlpacaWriter(new ExportWriterOptions { Container = ExportContainer.Jsonl });
        var row = ExportSamples.Sft(system: null) with { History = [new HistoryTurn("Hi", "Hello!")] };
        using var doc = JsonDocument.Parse(await ExportSamples.WriteAsync(writer, row));
        Assert.False(doc.RootElement.TryGetProperty("system", out _));
        Assert.False(doc.RootElement.TryGetProperty("metadata", out _));
        var history = doc.RootElement.GetProperty("history");
        Assert.Equal("Hi", history[0][0].GetString());
        Assert.Equal("Hello!", history[0][1].GetString());
    }

    [Fact]
    public async Task Sharegpt_and_messages_put_history_turns_before_the_prompt()
    {
        var row = ExportSamples.Sft() with { History = [new HistoryTurn("Hi", "Hello!")] };
        using var sharegpt = JsonDocument.Parse(await ExportSamples.WriteAsync(new ShareGptWriter(new ExportWriterOptions()), row));
        var turns = sharegpt.RootElement.GetProperty("conversations").EnumerateArray().Select(t => t.GetProperty("from").GetString() + ":" + t.GetProperty("value").GetString()).ToList();
        Assert.Equal(["human:Hi", "gpt:Hello!", "human:" + ExportSamples.Prompt, "gpt:" + ExportSamples.Response], turns);
        using var messages = JsonDocument.Parse(await ExportSamples.WriteAsync(new MessagesWriter(new ExportWriterOptions()), row));
        var roles = messages.RootElement.GetProperty("messages").EnumerateArray().Select(t => t.GetProperty("role").GetString()).ToList();
        Assert.Equal(["system", "user", "assistant", "user", "assistant"], roles);
    }

    [Fact]
    public async Task Metadata_option_adds_the_provenance_object()
    {
        var writer = new TrlDpoWriter(new ExportWriterOptions { IncludeMetadata = true });
        using var doc = JsonDocument.Parse(await ExportSamples.WriteAsync(writer, ExportSamples.Dpo()));
        var metadata = doc.RootElement.GetProperty("metadata");
        Assert.Equal("kyoto", metadata.GetProperty("run").GetString());
        Assert.Equal(7, metadata.GetProperty("instruction_id").GetInt32());
        Assert.Equal([11, 12], metadata.GetProperty("verifier_ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1.0, metadata.GetProperty("accuracy").GetDouble());
        Assert.Equal(9, metadata.GetProperty("judge_score").GetInt32());
        Assert.False(metadata.GetProperty("is_demo").GetBoolean());
        Assert.Equal(0, metadata.GetProperty("round").GetInt32());
        Assert.Equal("query", metadata.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Trl_plain_refuses_a_system_prompt_it_cannot_carry_and_conversational_keeps_it()
    {
        var plain = new TrlDpoWriter(new ExportWriterOptions());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ExportSamples.WriteAsync(plain, ExportSamples.Dpo(ExportSamples.System)));
        Assert.Contains("conversational", ex.Message, StringComparison.Ordinal);
        var conversational = new TrlDpoWriter(new ExportWriterOptions { Conversational = true });
        using var doc = JsonDocument.Parse(await ExportSamples.WriteAsync(conversational, ExportSamples.Dpo(ExportSamples.System)));
        Assert.Equal("system", doc.RootElement.GetProperty("prompt")[0].GetProperty("role").GetString());
    }

    private static void AssertMatchesGolden(string golden, byte[] bytes, ExportContainer container)
    {
        var expected = ReadRows(File.ReadAllText(ExportSamples.Fixture(golden)), golden.EndsWith(".json", StringComparison.Ordinal));
        var actual = ReadRows(Encoding.UTF8.GetString(bytes), container == ExportContainer.Json);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            JsonAssert.Equal(expected[i], actual[i], $"row {i}");
        }
    }

    private static List<JsonElement> ReadRows(string text, bool isArray)
    {
        if (isArray)
        {
            using var doc = JsonDocument.Parse(text);
            Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
            return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.Clone();
        }).ToList();
    }
}
