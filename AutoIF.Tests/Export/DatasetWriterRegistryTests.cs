using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

public class DatasetWriterRegistryTests
{
    [Theory]
    [InlineData(ExportKind.Dpo, "alpaca", "format 'alpaca' is an SFT format; use --kind sft")]
    [InlineData(ExportKind.Sft, "trl-dpo", "format 'trl-dpo' is a DPO format; use --kind dpo")]
    [InlineData(ExportKind.Sft, "jsonl", "format 'jsonl' is a scores format; use --kind scores")]
    [InlineData(ExportKind.Sft, "csv", "unknown format 'csv'")]
    public void Wrong_kind_or_unknown_format_is_refused_with_what_to_do(ExportKind kind, string format, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => DatasetWriterRegistry.Resolve(kind, format, null));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExportKind.Dpo, "openai-dpo", ExportContainer.Parquet)]
    [InlineData(ExportKind.Dpo, "openai-dpo", ExportContainer.Json)]
    [InlineData(ExportKind.Scores, "jsonl", ExportContainer.Parquet)]
    public void Containers_a_consumer_does_not_read_are_refused(ExportKind kind, string format, ExportContainer container)
    {
        var ex = Assert.Throws<ArgumentException>(() => DatasetWriterRegistry.Resolve(kind, format, container));
        Assert.Contains("use --container", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alpaca", typeof(AlpacaWriter), ExportContainer.Json)]
    [InlineData("sharegpt", typeof(ShareGptWriter), ExportContainer.Json)]
    [InlineData("messages", typeof(MessagesWriter), ExportContainer.Jsonl)]
    public void Sft_formats_map_to_their_writer_and_default_container(string format, Type writerType, ExportContainer defaultContainer)
    {
        var (_, container) = DatasetWriterRegistry.Resolve(ExportKind.Sft, format, null);
        Assert.Equal(defaultContainer, container);
        Assert.IsType(writerType, DatasetWriterRegistry.CreateSft(format, new ExportWriterOptions { Container = container }));
    }

    [Theory]
    [InlineData("trl-dpo", typeof(TrlDpoWriter))]
    [InlineData("openai-dpo", typeof(OpenAiDpoWriter))]
    [InlineData("llamafactory-dpo", typeof(LlamaFactoryDpoWriter))]
    public void Dpo_formats_map_to_their_writer(string format, Type writerType) =>
        Assert.IsType(writerType, DatasetWriterRegistry.CreateDpo(format, new ExportWriterOptions { Container = ExportContainer.Jsonl }));

    [Fact]
    public void Names_parse_case_insensitively_and_bad_ones_say_what_is_accepted()
    {
        Assert.Equal(ExportKind.Dpo, DatasetWriterRegistry.ParseKind("DPO"));
        Assert.Equal(ExportContainer.Parquet, ExportContainers.Parse("Parquet"));
        Assert.Equal(ExportContainer.Jsonl, ExportContainers.FromFileName("out/train.jsonl"));
        Assert.Equal(ExportKind.Rl, DatasetWriterRegistry.ParseKind("RL"));
        Assert.Contains("sft, dpo, scores, verifiers or rl", Assert.Throws<ArgumentException>(() => DatasetWriterRegistry.ParseKind("rlhf")).Message, StringComparison.Ordinal);
        Assert.Contains("jsonl, json or parquet", Assert.Throws<ArgumentException>(() => ExportContainers.Parse("csv")).Message, StringComparison.Ordinal);
    }
}
