using System.Text;
using AutoIF.Core.Export;
using AutoIF.Core.Seeds;

namespace AutoIF.Tests.Export;

/// <summary>
/// The run's instruction texts against the sentences of a benchmark's prompts (Fixtures/Export/benchmark-instructions.jsonl,
/// IFEval-shaped: prompt, instruction_id_list, kwargs, and no instruction text of its own).
/// </summary>
public class InstructionContaminationTests
{
    private static Task<ContaminationChecker> LoadAsync() => ContaminationChecker.LoadAsync(ExportSamples.Fixture("benchmark-instructions.jsonl"));

    [Fact]
    public void Prompts_split_into_sentences_at_end_marks_and_line_breaks_but_not_inside_quotes_or_after_abbreviations()
    {
        Assert.Equal(
            ["Describe a lighthouse keeper's morning, e.g. the first tasks of the day.", "Use fewer than 80 words.", "Wrap the whole reply in double quotation marks."],
            BenchmarkInstructionIndex.SplitSentences("Describe a lighthouse keeper's morning, e.g. the first tasks of the day.\nUse fewer than 80 words. Wrap the whole reply in double quotation marks."));
        Assert.Equal(
            ["List three facts about owls!", "Is the owl a good pet?", "End it with the exact words \"That is all I have.\""],
            BenchmarkInstructionIndex.SplitSentences("List three facts about owls! Is the owl a good pet? End it with the exact words \"That is all I have.\""));
    }

    [Fact]
    public async Task Every_sentence_of_three_words_or_more_is_a_benchmark_instruction()
    {
        var checker = await LoadAsync();

        Assert.Equal(3, checker.BenchmarkPrompts);
        Assert.Equal(9, checker.BenchmarkInstructions);
    }

    [Theory]
    [InlineData("use FEWER than 80 words!!", InstructionMatchKind.Equal, 2, "Use fewer than 80 words.")]
    [InlineData("Not contain any commas", InstructionMatchKind.Contained, 1, "Your reply must not contain any commas.")]
    [InlineData("wrap the whole reply in double quotation", InstructionMatchKind.Contained, 2, "Wrap the whole reply in double quotation marks.")]
    [InlineData("Always use fewer than 80 words, and rhyme the lines.", InstructionMatchKind.Contains, 2, "Use fewer than 80 words.")]
    [InlineData("Make sure the title in double angular brackets comes first.", InstructionMatchKind.NGram, 3, "Put the title in double angular brackets, such as <<owls>>.")]
    public async Task An_instruction_is_found_by_the_first_test_that_holds(string instruction, InstructionMatchKind test, int line, string benchmarkText)
    {
        var checker = await LoadAsync();

        var match = checker.CheckInstruction(instruction, 7);

        Assert.NotNull(match);
        Assert.Equal((7, instruction, test, line, benchmarkText), (match.InstructionId, match.Instruction, match.Test, match.BenchmarkLine, match.BenchmarkText));
    }

    [Theory]
    [InlineData("Begin every word of the reply with the same letter.")]
    [InlineData("Use fewer than 90 words.")]
    [InlineData("Be brief.")]
    public async Task Other_and_very_short_instructions_do_not_match(string instruction)
    {
        var checker = await LoadAsync();

        Assert.Null(checker.CheckInstruction(instruction));
    }

    [Fact]
    public async Task The_default_seed_set_shares_no_phrasing_with_the_set_that_follows_IFEval_types()
    {
        var benchmark = string.Join('\n', BuiltInSeeds.Load(SeedSets.IfEvalTypes).Select(seed => System.Text.Json.JsonSerializer.Serialize(new { prompt = "Tell me about owls. " + seed })));
        var checker = await ContaminationChecker.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(benchmark)), "ifeval-types.jsonl");

        Assert.Empty(BuiltInSeeds.Load(SeedSets.AutoIf).Select(seed => checker.CheckInstruction(seed)).OfType<InstructionContaminationMatch>());
        Assert.All(BuiltInSeeds.Load(SeedSets.IfEvalTypes), seed => Assert.Equal(InstructionMatchKind.Equal, checker.CheckInstruction(seed)?.Test));
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 1)]
    public async Task Scan_reports_each_matching_instruction_once_and_drop_leaves_out_its_rows(bool drop, int expectedRows)
    {
        var checker = await LoadAsync();
        const string clean = "Describe autumn in Kyoto for a child who has never seen a maple tree.";
        var instructions = new (int, string)[] { (1, "Use fewer than 80 words."), (2, "Begin every word with the same letter.") };
        var matches = await checker.CheckInstructionsAsync(ExportSamples.Async(instructions));
        var scan = new ContaminationScan(checker, matches);
        var rows = new[]
        {
            ExportSamples.Sft() with { Prompt = clean, Provenance = ExportSamples.Provenance(10, instructionId: 1) },
            ExportSamples.Sft() with { Prompt = clean + " Again.", Provenance = ExportSamples.Provenance(11, instructionId: 1) },
            ExportSamples.Sft() with { Prompt = clean, Provenance = ExportSamples.Provenance(12, instructionId: 2) },
        };

        var kept = await checker.ScanAsync(ExportSamples.Async(rows), scan, drop).ToListAsync();

        Assert.Equal(expectedRows, kept.Count);
        var report = scan.Report();
        Assert.Equal((2, 2L, 0L, drop ? 2L : 0L), (report.InstructionsChecked, report.RowsWithInstructionMatch, report.RowsWithOverlap, report.RowsDropped));
        var match = Assert.Single(report.InstructionMatches);
        Assert.Equal((1, "Use fewer than 80 words.", InstructionMatchKind.Equal), (match.InstructionId, match.BenchmarkText, match.Test));
        Assert.Contains(report.SummaryLines(), l => l.Contains("instruction 1 [equal] \"Use fewer than 80 words.\" ~ line 2", StringComparison.Ordinal));
    }
}
