using System.Text;
using System.Text.Json;
using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

/// <summary>Containers are well formed at any size, and bytes reach the output page by page, before the source ends.</summary>
public class DatasetWriterStreamingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2_500)]
    public async Task Json_array_is_valid_for_any_row_count(int count)
    {
        var writer = new AlpacaWriter(new ExportWriterOptions { Container = ExportContainer.Json, PageRows = 100 });
        var bytes = await ExportSamples.WriteAsync(writer, Enumerable.Repeat(ExportSamples.Sft(), count));
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal(count, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Jsonl_has_one_object_per_line_and_keeps_non_ascii_readable()
    {
        var writer = new TrlDpoWriter(new ExportWriterOptions());
        var bytes = await ExportSamples.WriteAsync(writer, ExportSamples.Dpo() with { Prompt = "用中文回答。" }, ExportSamples.Dpo());
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("用中文回答。", lines[0], StringComparison.Ordinal);
        Assert.Equal("用中文回答。", JsonDocument.Parse(lines[0]).RootElement.GetProperty("prompt").GetString());
    }

    [Theory]
    [InlineData(ExportContainer.Jsonl)]
    [InlineData(ExportContainer.Parquet)]
    public async Task Bytes_reach_the_output_before_the_source_is_exhausted(ExportContainer container)
    {
        var writer = new TrlDpoWriter(new ExportWriterOptions { Container = container, PageRows = 10, RowGroupRows = 10 });
        using var output = new MemoryStream();
        long bytesSeenMidway = -1;
        async IAsyncEnumerable<DpoExample> Rows()
        {
            for (var i = 0; i < 100; i++)
            {
                if (i == 50)
                {
                    bytesSeenMidway = output.Length;
                }
                await Task.Yield();
                yield return ExportSamples.Dpo();
            }
        }
        var written = await writer.WriteAsync(Rows(), output);
        Assert.Equal(100, written);
        Assert.InRange(bytesSeenMidway, 1, output.Length - 1);
    }

    [Fact]
    public async Task Progress_is_reported_per_page_and_at_the_end()
    {
        var reports = new List<long>();
        var writer = new MessagesWriter(new ExportWriterOptions { PageRows = 10 });
        using var output = new MemoryStream();
        await writer.WriteAsync(ExportSamples.Async(Enumerable.Repeat(ExportSamples.Sft(), 25)), output, new SyncProgress(reports));
        Assert.Equal([10, 20, 25], reports);
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
