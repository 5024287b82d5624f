using System.IO.Compression;
using System.Text.Json;
using AutoIF.Core.Export;
using AutoIF.Core.Llm;
using Parquet.Serialization;

namespace AutoIF.Tests.Export;

public class ExportBundleWriterTests
{
    private static DatasetCardInfo Card(ExportWriterOptions options, string format = "llamafactory-dpo") => new(
        "autoif_kyoto",
        ExportKind.Dpo,
        format,
        options,
        [new DatasetCardRun("kyoto", false, new Dictionary<string, string> { ["supervision"] = "qwen2-72b-instruct" }, [new TemplateUse("verifier", "sha256:abc123")], [new("Judge:MinScore", "8")])],
        [new StageCount("instructions", 100, 40), new StageCount("responses", 1000, 250)],
        [new("min-judge-score", "8")],
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static List<DpoExample> Rows(int count) =>
        Enumerable.Range(1, count).Select(i => ExportSamples.Dpo() with { Prompt = $"Prompt {i}.", Provenance = ExportSamples.Provenance(i) with { Level = AutoIF.Core.Domain.PairLevel.Query } }).ToList();

    [Fact]
    public async Task Bundle_holds_data_per_split_card_dataset_info_and_provenance()
    {
        var options = new ExportWriterOptions { Container = ExportContainer.Json };
        using var zip = new MemoryStream();
        var result = await ExportBundleWriter.WriteAsync(ExportSamples.Async(Rows(200)), new LlamaFactoryDpoWriter(options), new SplitAssigner(0.2, 1), Card(options), zip);
        Assert.Equal(200, result.Rows);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var names = archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["README.md", "data/train-00000-of-00001.json", "data/validation-00000-of-00001.json", "dataset_info.json", "provenance.jsonl"], names);

        var train = JsonDocument.Parse(archive.GetEntry("data/train-00000-of-00001.json")!.Open()).RootElement;
        var validation = JsonDocument.Parse(archive.GetEntry("data/validation-00000-of-00001.json")!.Open()).RootElement;
        Assert.Equal(200, train.GetArrayLength() + validation.GetArrayLength());
        Assert.Equal(result.Files.Single(f => f.Split == DatasetSplit.Validation).Rows, validation.GetArrayLength());
        Assert.InRange(validation.GetArrayLength(), 20, 60);

        var info = JsonDocument.Parse(archive.GetEntry("dataset_info.json")!.Open()).RootElement;
        Assert.Equal("data/train-00000-of-00001.json", info.GetProperty("autoif_kyoto").GetProperty("file_name").GetString());
        Assert.True(info.GetProperty("autoif_kyoto").GetProperty("ranking").GetBoolean());
        Assert.Equal("data/validation-00000-of-00001.json", info.GetProperty("autoif_kyoto_validation").GetProperty("file_name").GetString());

        using var provenance = new StreamReader(archive.GetEntry("provenance.jsonl")!.Open());
        var lines = (await provenance.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, lines.Length);
        Assert.Equal("kyoto", JsonDocument.Parse(lines[0]).RootElement.GetProperty("run").GetString());

        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        var card = await readme.ReadToEndAsync();
        Assert.StartsWith("---\n", card, StringComparison.Ordinal);
        Assert.Contains("  - split: validation\n    path: data/validation-00000-of-00001.json", card, StringComparison.Ordinal);
        Assert.Contains($"| validation | `data/validation-00000-of-00001.json` | {validation.GetArrayLength()} |", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_counts_rows_by_difficulty_when_prompts_carry_several_constraints_and_says_nothing_of_it_otherwise()
    {
        var options = new ExportWriterOptions { Container = ExportContainer.Json };
        // Rows 1–4 carry one instruction, 5–7 three, 8 two, as their provenance says.
        var rows = Rows(8).Select((r, i) => r with { Provenance = r.Provenance! with { Difficulty = i < 4 ? null : i < 7 ? 3 : 2 } }).ToList();
        using var several = new MemoryStream();
        await ExportBundleWriter.WriteAsync(ExportSamples.Async(rows), new LlamaFactoryDpoWriter(options), new SplitAssigner(0, 1), Card(options), several);
        using var single = new MemoryStream();
        await ExportBundleWriter.WriteAsync(ExportSamples.Async(Rows(8)), new LlamaFactoryDpoWriter(options), new SplitAssigner(0, 1), Card(options), single);

        var card = await ReadCardAsync(several);
        Assert.Contains("## Difficulty (constraints per prompt)", card, StringComparison.Ordinal);
        Assert.Contains("| k | rows |\n|---:|---:|\n| 1 | 4 |\n| 2 | 1 |\n| 3 | 3 |\n", card.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Difficulty", await ReadCardAsync(single), StringComparison.Ordinal);
    }

    private static async Task<string> ReadCardAsync(MemoryStream zip)
    {
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Parquet_bundle_uses_the_hugging_face_layout_and_reads_back()
    {
        var options = new ExportWriterOptions { Container = ExportContainer.Parquet };
        using var zip = new MemoryStream();
        await ExportBundleWriter.WriteAsync(ExportSamples.Async(Rows(30)), new TrlDpoWriter(options), new SplitAssigner(0, 1), Card(options, "trl-dpo"), zip);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        Assert.Null(archive.GetEntry("dataset_info.json"));
        using var data = new MemoryStream();
        await archive.GetEntry("data/train-00000-of-00001.parquet")!.Open().CopyToAsync(data);
        data.Position = 0;
        var rows = await ParquetSerializer.DeserializeUntypedAsync(data, null, null, default);
        Assert.Equal(30, rows.Data.Count);
    }
}
