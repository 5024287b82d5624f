using System.Text;
using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

/// <summary>Rows read from a real (in-memory SQLite) schema: human overrides, SQL-side and streaming filters, paging.</summary>
public sealed class DatasetExporterTests : IDisposable
{
    private readonly ExportDatabase _db = new();
    private readonly Run _run;
    private readonly Instruction _instruction;
    private readonly Verifier _verifier;
    private readonly ComposedPrompt _prompt;

    public DatasetExporterTests()
    {
        _run = _db.Run();
        _instruction = _db.Instruction(_run, "answer in fewer than 20 words.");
        _verifier = _db.Verifier(_instruction);
        _prompt = _db.Prompt(_instruction, "describe autumn in Kyoto");
    }

    public void Dispose() => _db.Dispose();

    private ExportRequest Request(ExportKind kind = ExportKind.Sft, string format = "alpaca") => new() { Runs = ["kyoto"], Kind = kind, Format = format };

    private async Task<List<SftExample>> SftAsync(ExportRequest request) => await new DatasetExporter(_db).SftRows(request).ToListAsync();

    [Fact]
    public async Task Sft_prompt_is_query_and_instruction_through_the_composer_with_provenance()
    {
        var response = _db.Response(_prompt, "Maple leaves blaze red.", accuracy: 1, judge: 9);
        var row = Assert.Single(await SftAsync(Request()));
        Assert.Equal("Describe autumn in Kyoto. Answer in fewer than 20 words.", row.Prompt);
        Assert.Equal("Maple leaves blaze red.", row.Response);
        Assert.Equal(new[] { _verifier.Id }, row.Provenance.VerifierIds);
        Assert.Equal(response.Id, row.Provenance.SourceId);
        Assert.Equal(("kyoto", 9, 1.0), (row.Provenance.RunName, row.Provenance.JudgeScore, row.Provenance.Accuracy));
    }

    [Fact]
    public async Task Human_review_overrides_the_automatic_status()
    {
        var kept = _db.Response(_prompt, "kept", sample: 0);
        var dropped = _db.Response(_prompt, "dropped", status: ItemStatus.Dropped, sample: 1);
        var approvedDrop = _db.Response(_prompt, "approved", status: ItemStatus.Dropped, review: ReviewState.Approved, sample: 2);
        var rejectedKeep = _db.Response(_prompt, "rejected", review: ReviewState.Rejected, sample: 3);
        var ids = (await SftAsync(Request())).Select(r => r.SourceId).ToList();
        Assert.Equal([kept.Id, approvedDrop.Id], ids);
        var withRejected = (await SftAsync(Request() with { IncludeRejected = true })).Select(r => r.SourceId).ToList();
        Assert.Equal([kept.Id, approvedDrop.Id, rejectedKeep.Id], withRejected);
        Assert.DoesNotContain(dropped.Id, withRejected);
    }

    [Fact]
    public async Task A_human_rejection_of_the_instruction_or_a_verifier_excludes_its_rows()
    {
        var other = _db.Instruction(_run, "use no commas.");
        var rejectedVerifier = _db.Verifier(other, ReviewState.Rejected);
        var otherPrompt = _db.Prompt(other, "name three rivers");
        _db.Response(otherPrompt, "Nile Amazon Danube");
        var third = _db.Instruction(_run, "end with a question.", ReviewState.Rejected);
        _db.Response(_db.Prompt(third, "say hi"), "Hi?");
        var fine = _db.Response(_prompt, "fine");
        Assert.Equal([fine.Id], (await SftAsync(Request())).Select(r => r.SourceId));
        Assert.Equal(3, (await SftAsync(Request() with { IncludeRejected = true })).Count);
        Assert.NotEqual(0, rejectedVerifier.Id);
    }

    [Fact]
    public async Task Sql_side_filters_select_by_score_accuracy_approval_and_round()
    {
        var high = _db.Response(_prompt, "high", accuracy: 1.0, judge: 10, sample: 0);
        var low = _db.Response(_prompt, "low", accuracy: 0.6, judge: 8, sample: 1);
        var approved = _db.Response(_prompt, "approved", accuracy: 0.6, judge: 8, review: ReviewState.Approved, sample: 2);
        var roundOne = _db.Response(_db.Prompt(_instruction, "describe winter in Kyoto", round: 1), "round one", judge: 10);
        Assert.Equal([high.Id, roundOne.Id], (await SftAsync(Request() with { MinJudgeScore = 9 })).Select(r => r.SourceId));
        Assert.Equal([high.Id, roundOne.Id], (await SftAsync(Request() with { MinAccuracy = 0.9 })).Select(r => r.SourceId));
        Assert.Equal([approved.Id], (await SftAsync(Request() with { ApprovedOnly = true })).Select(r => r.SourceId));
        Assert.Equal([roundOne.Id], (await SftAsync(Request() with { Round = 1 })).Select(r => r.SourceId));
        Assert.Equal([high.Id, low.Id, approved.Id], (await SftAsync(Request() with { Round = 0 })).Select(r => r.SourceId));
    }

    [Fact]
    public async Task Keyset_paging_returns_every_row_once_in_id_order()
    {
        var ids = Enumerable.Range(0, 7).Select(i => _db.Response(_prompt, $"r{i}", sample: i).Id).ToList();
        Assert.Equal(ids, (await SftAsync(Request() with { PageSize = 2 })).Select(r => r.SourceId));
    }

    [Fact]
    public async Task Dpo_rows_cover_both_levels_and_the_level_and_judge_filters()
    {
        var chosen = _db.Response(_prompt, "good", accuracy: 1, judge: 7, sample: 0);
        var rejected = _db.Response(_prompt, "bad", accuracy: 0, judge: 3, status: ItemStatus.Dropped, sample: 1);
        var queryPair = _db.QueryPair(_prompt, chosen, rejected);
        var instructionPair = _db.InstructionPair(_instruction, "Short answer.", "A very long answer that goes on and on.");
        var exporter = new DatasetExporter(_db);
        var all = await exporter.DpoRows(Request(ExportKind.Dpo, "trl-dpo")).ToListAsync();
        Assert.Equal([queryPair.Id, instructionPair.Id], all.Select(r => r.SourceId));
        Assert.Equal(("good", "bad", PairLevel.Query), (all[0].Chosen, all[0].Rejected, all[0].Provenance.Level!.Value));
        Assert.Equal(("Short answer.", "Answer in fewer than 20 words."), (all[1].Chosen, all[1].Prompt));
        var instructionOnly = await exporter.DpoRows(Request(ExportKind.Dpo, "trl-dpo") with { PairLevel = PairLevelFilter.Instruction }).ToListAsync();
        Assert.Equal([instructionPair.Id], instructionOnly.Select(r => r.SourceId));
        // The chosen response scored 7: the judge filter drops the query-level pair; test-case pairs are never judged.
        var judged = await exporter.DpoRows(Request(ExportKind.Dpo, "trl-dpo") with { MinJudgeScore = 8 }).ToListAsync();
        Assert.Equal([instructionPair.Id], judged.Select(r => r.SourceId));
    }

    [Fact]
    public async Task Scores_list_every_response_with_its_verdicts()
    {
        var second = _db.Verifier(_instruction);
        var response = _db.Response(_prompt, "dropped one", accuracy: 0.5, judge: null, status: ItemStatus.Dropped);
        _db.Verdict(_verifier, response, VerdictKind.True);
        _db.Verdict(second, response, VerdictKind.Timeout, "exceeded 5 s");
        using var output = new MemoryStream();
        var result = await new DatasetExporter(_db).ExportAsync(Request(ExportKind.Scores, "jsonl"), output);
        Assert.Equal(1, result.Rows);
        var row = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()).Trim()).RootElement;
        Assert.Equal("kyoto", row.GetProperty("run").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("judge_score").ValueKind);
        var verdicts = row.GetProperty("verdicts").EnumerateArray().Select(v => (v.GetProperty("verifier_id").GetInt32(), v.GetProperty("verdict").GetString())).ToList();
        Assert.Equal([(_verifier.Id, "true"), (second.Id, "timeout")], verdicts);
    }

    [Fact]
    public async Task ExportAsync_applies_dedup_cap_and_split_and_writes_the_requested_container()
    {
        for (var i = 0; i < 6; i++)
        {
            _db.Response(_prompt, $"same prompt {i}", sample: i);
        }
        var other = _db.Prompt(_instruction, "describe spring in Kyoto");
        _db.Response(other, "spring");
        var exporter = new DatasetExporter(_db);
        using (var output = new MemoryStream())
        {
            var result = await exporter.ExportAsync(Request() with { DedupPrompts = true, Container = ExportContainer.Json }, output);
            Assert.Equal(2, result.Rows);
            Assert.Equal(2, JsonDocument.Parse(output.ToArray()).RootElement.GetArrayLength());
        }
        using (var output = new MemoryStream())
        {
            Assert.Equal(3, (await exporter.ExportAsync(Request() with { MaxPerInstruction = 3 }, output)).Rows);
        }
        long train, validation;
        using (var output = new MemoryStream())
        {
            train = (await exporter.ExportAsync(Request() with { ValidationSplit = 0.5, Seed = 3 }, output)).Rows;
        }
        using (var output = new MemoryStream())
        {
            validation = (await exporter.ExportAsync(Request() with { ValidationSplit = 0.5, Seed = 3, Split = DatasetSplit.Validation }, output)).Rows;
        }
        Assert.Equal(7, train + validation);
        Assert.True(train is 1 or 6, $"rows of one prompt stay in one split (train {train})");
    }

    [Theory]
    [InlineData("alpaca")]
    [InlineData("sharegpt")]
    [InlineData("messages")]
    public async Task An_sft_export_carries_the_answer_alone_and_with_include_reasoning_the_reasoning_before_it_in_every_format(string format)
    {
        var thought = _db.Response(_prompt, "Maple leaves blaze red.", sample: 0, reasoning: "Autumn in Kyoto means maples.");
        var plain = _db.Response(_prompt, "Temples glow in the dusk.", sample: 1);
        var exporter = new DatasetExporter(_db);
        async Task<JsonDocument> ExportAsync(ExportRequest request)
        {
            using var output = new MemoryStream();
            await exporter.ExportAsync(request with { Metadata = true, Container = ExportContainer.Json }, output);
            return JsonDocument.Parse(output.ToArray());
        }

        using var without = await ExportAsync(Request(format: format));
        using var with = await ExportAsync(Request(format: format) with { IncludeReasoning = true });

        Assert.Equal(["Maple leaves blaze red.", "Temples glow in the dusk."], AssistantTexts(without, format));
        Assert.DoesNotContain("Autumn in Kyoto means maples", without.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["<think>\nAutumn in Kyoto means maples.\n</think>\n\nMaple leaves blaze red.", "Temples glow in the dusk."], AssistantTexts(with, format));
        Assert.Equal([thought.Id, plain.Id], with.RootElement.EnumerateArray().Select(row => row.GetProperty("metadata").GetProperty("source_id").GetInt64()));
    }

    private static List<string> AssistantTexts(JsonDocument rows, string format) => [.. rows.RootElement.EnumerateArray().Select(row => format switch
    {
        "alpaca" => row.GetProperty("output").GetString()!,
        "sharegpt" => row.GetProperty("conversations").EnumerateArray().Single(m => m.GetProperty("from").GetString() == "gpt").GetProperty("value").GetString()!,
        _ => row.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant").GetProperty("content").GetString()!,
    })];

    [Fact]
    public async Task A_bundle_with_the_reasoning_says_so_on_its_card_and_the_option_means_nothing_for_other_kinds()
    {
        _db.Response(_prompt, "Maple leaves blaze red.", reasoning: "Autumn in Kyoto means maples.");
        var exporter = new DatasetExporter(_db);
        var request = Request(format: "messages") with { IncludeReasoning = true };
        using var zip = new MemoryStream();

        await exporter.ExportBundleAsync(request, await exporter.DescribeAsync(request, "autoif_kyoto", DateTimeOffset.UnixEpoch), zip);

        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip.ToArray()));
        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        Assert.Contains("- `--include-reasoning` true (a response's reasoning precedes its answer: `<think>` reasoning `</think>` answer)", await readme.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Request().DescribeFilters(), f => f.Key == "include-reasoning");
        Assert.DoesNotContain((Request(ExportKind.Dpo, "trl-dpo") with { IncludeReasoning = true }).DescribeFilters(), f => f.Key == "include-reasoning");
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_message_for_the_user()
    {
        var exporter = new DatasetExporter(_db);
        using var output = new MemoryStream();
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => exporter.ExportAsync(Request() with { Runs = ["nope"] }, output));
        Assert.StartsWith("unknown run 'nope'", unknown.Message, StringComparison.Ordinal);
        var kind = await Assert.ThrowsAsync<ArgumentException>(() => exporter.ExportAsync(Request(ExportKind.Dpo, "alpaca"), output));
        Assert.StartsWith("format 'alpaca' is an SFT format; use --kind sft", kind.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contamination_drop_removes_matching_rows_and_reports_them()
    {
        var copied = _db.Prompt(_instruction, "I am planning a trip to Japan, and I would like thee to write an itinerary for my journey in a Shakespearean style");
        _db.Response(copied, "Hark!");
        _db.Response(_prompt, "clean");
        using var output = new MemoryStream();
        var result = await new DatasetExporter(_db).ExportAsync(Request() with { Benchmark = ExportSamples.Fixture("benchmark.jsonl"), DropContaminated = true, Container = ExportContainer.Jsonl }, output);
        Assert.Equal(1, result.Rows);
        Assert.NotNull(result.Contamination);
        Assert.Equal(1, result.Contamination.RowsDropped);
        Assert.Equal(2, Assert.Single(result.Contamination.WorstMatches).BenchmarkLine);
    }

    [Fact]
    public async Task An_instruction_found_in_the_benchmark_is_reported_and_drop_leaves_out_its_rows()
    {
        // Benchmark line 2 holds this sentence; the composed prompt shares no 13-gram with it.
        var copied = _db.Instruction(_run, "You are not allowed to use any commas in your response.");
        _db.Response(_db.Prompt(copied, "describe a quiet harbour"), "Boats rest");
        _db.Response(_prompt, "clean");
        using var output = new MemoryStream();

        var result = await new DatasetExporter(_db).ExportAsync(Request() with { Benchmark = ExportSamples.Fixture("benchmark.jsonl"), DropContaminated = true, Container = ExportContainer.Jsonl }, output);

        Assert.Equal(1, result.Rows);
        Assert.DoesNotContain("Boats rest", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
        var report = result.Contamination!;
        Assert.Equal((0L, 1L, 1L, 2), (report.RowsWithOverlap, report.RowsWithInstructionMatch, report.RowsDropped, report.InstructionsChecked));
        var match = Assert.Single(report.InstructionMatches);
        Assert.Equal((copied.Id, copied.Text, InstructionMatchKind.Equal, 2), (match.InstructionId, match.Instruction, match.Test, match.BenchmarkLine));
    }

    [Fact]
    public async Task A_bundle_checked_against_a_benchmark_lists_matching_instructions_on_the_card_and_in_contamination_json()
    {
        var copied = _db.Instruction(_run, "Do not use any commas and highlight at least 3 sections.");
        _db.Response(_db.Prompt(copied, "describe a quiet harbour"), "Boats rest");
        _db.Response(_prompt, "clean");
        var exporter = new DatasetExporter(_db);
        var request = Request() with { Benchmark = ExportSamples.Fixture("benchmark.jsonl") };
        using var zip = new MemoryStream();

        var result = await exporter.ExportBundleAsync(request, await exporter.DescribeAsync(request, "autoif_kyoto", DateTimeOffset.UnixEpoch), zip);

        Assert.Equal(2, result.Rows);
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip.ToArray()));
        using var json = JsonDocument.Parse(archive.GetEntry(ContaminationReportJson.FileName)!.Open());
        var matches = json.RootElement.GetProperty("instructions").GetProperty("matches");
        var match = Assert.Single(matches.EnumerateArray());
        Assert.Equal((copied.Id, "contained", 1), (match.GetProperty("instruction_id").GetInt32(), match.GetProperty("test").GetString(), match.GetProperty("benchmark_line").GetInt32()));
        Assert.StartsWith("Do not use any commas and highlight", match.GetProperty("benchmark_text").GetString(), StringComparison.Ordinal);
        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        var card = await readme.ReadToEndAsync();
        Assert.Contains("1 of 2 instructions match", card, StringComparison.Ordinal);
        Assert.Contains($"| {copied.Id} | Do not use any commas and highlight at least 3 sections. | contained | 1 |", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_fills_the_card_from_the_database()
    {
        _db.Response(_prompt, "kept");
        _db.Response(_prompt, "dropped", status: ItemStatus.Dropped, sample: 1);
        var card = await new DatasetExporter(_db).DescribeAsync(Request() with { MinJudgeScore = 8 }, "autoif_kyoto", DateTimeOffset.UnixEpoch);
        Assert.Equal("kyoto", Assert.Single(card.Runs).Name);
        Assert.Contains(card.Runs[0].Settings, s => s.Key == "Judge:MinScore");
        var responses = card.Funnel.Single(s => s.Stage.StartsWith("responses", StringComparison.Ordinal));
        Assert.Equal((2L, 1L), (responses.Entered, responses.Kept));
        Assert.Contains(card.Filters, f => f.Key == "min-judge-score" && f.Value == "8");
    }
}
