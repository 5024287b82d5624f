using System.Text.Json;
using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

/// <summary>dataset_info.json entries as LLaMA-Factory's data/README.md documents them.</summary>
public class DatasetInfoWriterTests
{
    private static JsonElement Entry(string format, ExportWriterOptions options, bool hasSystem = false) =>
        JsonDocument.Parse(DatasetInfoWriter.Entry(format, options, "data/train.json", hasSystem).ToJsonString()).RootElement;

    [Fact]
    public void Alpaca_sft_maps_instruction_input_output()
    {
        var expected = JsonDocument.Parse("""{"file_name": "data/train.json", "formatting": "alpaca", "columns": {"prompt": "instruction", "query": "input", "response": "output", "system": "system"}}""").RootElement;
        JsonAssert.Equal(expected, Entry("alpaca", new ExportWriterOptions(), hasSystem: true));
    }

    [Fact]
    public void Sharegpt_sft_has_tags_and_no_ranking()
    {
        var expected = JsonDocument.Parse("""
            {"file_name": "data/train.json", "formatting": "sharegpt", "columns": {"messages": "conversations"},
             "tags": {"role_tag": "from", "content_tag": "value", "user_tag": "human", "assistant_tag": "gpt"}}
            """).RootElement;
        JsonAssert.Equal(expected, Entry("sharegpt", new ExportWriterOptions()));
    }

    [Fact]
    public void Preference_entries_are_ranking_true_for_both_layouts()
    {
        var alpaca = JsonDocument.Parse("""
            {"file_name": "data/train.json", "formatting": "alpaca", "ranking": true,
             "columns": {"prompt": "instruction", "query": "input", "chosen": "chosen", "rejected": "rejected"}}
            """).RootElement;
        JsonAssert.Equal(alpaca, Entry("llamafactory-dpo", new ExportWriterOptions()));
        var sharegpt = JsonDocument.Parse("""
            {"file_name": "data/train.json", "formatting": "sharegpt", "ranking": true,
             "columns": {"messages": "conversations", "chosen": "chosen", "rejected": "rejected"},
             "tags": {"role_tag": "from", "content_tag": "value", "user_tag": "human", "assistant_tag": "gpt"}}
            """).RootElement;
        JsonAssert.Equal(sharegpt, Entry("llamafactory-dpo", new ExportWriterOptions { Layout = LlamaFactoryLayout.ShareGpt }));
    }

    [Fact]
    public void Messages_are_read_as_sharegpt_with_openai_tags()
    {
        var entry = Entry("messages", new ExportWriterOptions());
        Assert.Equal("sharegpt", entry.GetProperty("formatting").GetString());
        Assert.Equal("role", entry.GetProperty("tags").GetProperty("role_tag").GetString());
        Assert.Equal("user", entry.GetProperty("tags").GetProperty("user_tag").GetString());
    }

    [Fact]
    public void Formats_llamafactory_does_not_read_are_refused()
    {
        Assert.False(DatasetInfoWriter.Supports("trl-dpo"));
        Assert.Throws<ArgumentException>(() => DatasetInfoWriter.Entry("openai-dpo", new ExportWriterOptions(), "x.jsonl", false));
    }
}
