using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

/// <summary>13-gram overlap against a crafted benchmark (Fixtures/Export/benchmark.jsonl, IFEval-shaped lines).</summary>
public class ContaminationCheckerTests
{
    // Copies 19 words of benchmark line 2 (case and punctuation changed): 19 - 13 + 1 = 7 of its 13-grams match.
    private const string Contaminated = "Please, I am planning a trip to JAPAN and I would like thee to write an itinerary for my journey. Keep it short.";
    private const string Clean = "Describe autumn in Kyoto in a way that a child who has never seen a maple tree would understand. Use short sentences.";
    private const string Short = "I am planning a trip to Japan.";

    private static Task<ContaminationChecker> LoadAsync() => ContaminationChecker.LoadAsync(ExportSamples.Fixture("benchmark.jsonl"));

    [Fact]
    public async Task Reads_the_prompts_and_skips_blank_lines()
    {
        var checker = await LoadAsync();
        Assert.Equal(3, checker.BenchmarkPrompts);
        Assert.Equal("benchmark.jsonl", checker.BenchmarkName);
    }

    [Fact]
    public async Task Finds_the_copied_passage_and_names_the_benchmark_line()
    {
        var checker = await LoadAsync();
        var match = checker.Check(Contaminated, 5);
        Assert.NotNull(match);
        Assert.Equal(2, match.BenchmarkLine);
        Assert.StartsWith("I am planning a trip to Japan", match.BenchmarkPrompt, StringComparison.Ordinal);
        var promptGrams = ContaminationChecker.Tokens(Contaminated).Count - ContaminationChecker.NGramSize + 1;
        Assert.Equal(promptGrams, match.PromptNGrams);
        Assert.Equal(7, match.SharedNGrams);
        Assert.Equal(7.0 / promptGrams, match.Overlap, 6);
    }

    [Fact]
    public async Task Clean_and_short_prompts_do_not_match()
    {
        var checker = await LoadAsync();
        Assert.Null(checker.Check(Clean));
        Assert.Null(checker.Check(Short));
    }

    [Fact]
    public async Task An_exact_benchmark_prompt_overlaps_fully()
    {
        var checker = await LoadAsync();
        var match = checker.Check("Write a resume for a fresh high school graduate who is seeking their first job. Make sure to include at least 12 placeholder represented by square brackets.");
        Assert.NotNull(match);
        Assert.Equal(1.0, match.Overlap);
        Assert.Equal(4, match.BenchmarkLine);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 2)]
    public async Task Scan_reports_worst_matches_and_optionally_drops_them(bool drop, int expectedRows)
    {
        var checker = await LoadAsync();
        var scan = new ContaminationScan(checker, worstMatches: 1);
        var rows = new[]
        {
            ExportSamples.Sft() with { Prompt = Clean, Provenance = ExportSamples.Provenance(1) },
            ExportSamples.Sft() with { Prompt = Contaminated, Provenance = ExportSamples.Provenance(2) },
            ExportSamples.Sft() with { Prompt = Short, Provenance = ExportSamples.Provenance(3) },
        };
        var kept = await checker.ScanAsync(ExportSamples.Async(rows), scan, drop).ToListAsync();
        Assert.Equal(expectedRows, kept.Count);
        var report = scan.Report();
        Assert.Equal(3, report.RowsChecked);
        Assert.Equal(1, report.RowsWithOverlap);
        Assert.Equal(drop ? 1 : 0, report.RowsDropped);
        Assert.Equal(2, Assert.Single(report.WorstMatches).SourceId);
    }

    [Theory]
    [InlineData("benchmark-bad-field.jsonl", "benchmark file 'benchmark-bad-field.jsonl' line 3: no string field 'prompt'")]
    [InlineData("benchmark-bad-json.jsonl", "benchmark file 'benchmark-bad-json.jsonl' line 2: not valid JSON")]
    public async Task A_malformed_benchmark_is_refused_with_file_and_line(string file, string message)
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ContaminationChecker.LoadAsync(ExportSamples.Fixture(file)));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_prompt_field_name_is_configurable()
    {
        using var stream = new MemoryStream("{\"text\": \"I am planning a trip to Japan, and I would like thee to write an itinerary for my journey.\"}\n"u8.ToArray());
        var checker = await ContaminationChecker.LoadAsync(stream, "custom.jsonl", "text");
        Assert.NotNull(checker.Check(Contaminated));
    }
}
