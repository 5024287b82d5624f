using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// Several constraints per prompt (issue #15, decisions 024 and 025), end to end on real SQLite, the real sandbox and the
/// fake model: compose with k = 3 and a conflicting pair, sample, verify, and what the exports and the instruction counts show.
/// </summary>
public class MultiConstraintRunTests
{
    private const string Apple = "Mention the word apple.";
    private const string Banana = "Mention the word banana.";
    private const string Lowercase = "Write in all lowercase letters.";
    private const string Capitals = "Write in all capital letters.";
    private const string TheAnswer = "an apple and a banana, said quietly.";

    [Fact]
    public async Task A_k3_run_never_composes_the_conflicting_pair_keeps_exactly_the_responses_passing_every_constraint_and_exports_each_constraint()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var (run, ids) = await PrepareAsync(harness);
        // The model says "no" only for the two letter cases; everything else is compatible.
        harness.Server.Script(@"Instruction A: Write in all (capital|lowercase) letters\.\s*Instruction B: Write in all (capital|lowercase) letters\.", FakeReply.Answer("One forbids what the other needs.\n\nAnswer: no"));
        harness.Server.Script("can follow both", FakeReply.Answer("Answer: yes"));
        harness.Server.Script("You are reviewing a response", FakeReply.Answer("Fine.\n\nScore: 9"));
        harness.Server.DefaultReply = FakeReply.Answer(TheAnswer);

        foreach (var stage in new[] { PipelineStage.Queries, PipelineStage.Compose, PipelineStage.Sample, PipelineStage.Verify, PipelineStage.Judge })
        {
            await harness.RunStageAsync(stage, run);
        }

        await using var db = harness.CreateContext();
        var prompts = await db.ComposedPrompts.Where(p => p.RunId == run).Include(p => p.Constraints).OrderBy(p => p.Id).ToListAsync();
        // Each of the four instructions leads two prompts; each prompt carries three (the lead and two others).
        Assert.Equal(8, prompts.Count);
        Assert.All(ids.Values, id => Assert.Equal(2, prompts.Count(p => p.InstructionId == id)));
        var carried = prompts.ToDictionary(p => p.Id, p => p.Constraints.OrderBy(c => c.Position).Select(c => c.InstructionId).Prepend(p.InstructionId).ToList());
        Assert.All(carried.Values, c => Assert.Equal(3, c.Distinct().Count()));
        Assert.DoesNotContain(carried.Values, c => c.Contains(ids[Lowercase]) && c.Contains(ids[Capitals]));
        // The rejected combination is stored with its reason, and A and B were shown compatible by a stored case, not asked.
        var decisions = await db.ConstraintCompatibilities.Where(c => c.RunId == run).ToListAsync();
        var conflict = Assert.Single(decisions, d => !d.Compatible);
        Assert.Equal((Math.Min(ids[Lowercase], ids[Capitals]), Math.Max(ids[Lowercase], ids[Capitals]), CompatibilityEvidence.Model),
            (conflict.FirstInstructionId, conflict.SecondInstructionId, conflict.Evidence));
        Assert.Contains("answered no", conflict.Reason, StringComparison.Ordinal);
        var appleBanana = Assert.Single(decisions, d => d.FirstInstructionId == Math.Min(ids[Apple], ids[Banana]) && d.SecondInstructionId == Math.Max(ids[Apple], ids[Banana]));
        Assert.Equal((true, CompatibilityEvidence.Data), (appleBanana.Compatible, appleBanana.Evidence));
        // The prompt lists its instructions one per line after the query, the lead first.
        var first = prompts[0];
        var texts = await db.Instructions.Where(i => i.RunId == run).ToDictionaryAsync(i => i.Id, i => i.Text);
        Assert.EndsWith("\n\n" + string.Join("\n", carried[first.Id].Select(id => texts[id])), first.Text, StringComparison.Ordinal);

        // The answer mentions apple and banana in lowercase: kept exactly where the prompt does not ask for capitals.
        var responses = await db.Responses.Where(r => r.RunId == run).ToListAsync();
        Assert.Equal(8, responses.Count);
        var expectedKept = carried.Where(c => !c.Value.Contains(ids[Capitals])).Select(c => c.Key).Order().ToList();
        Assert.NotEmpty(expectedKept);
        Assert.NotEqual(8, expectedKept.Count);
        Assert.Equal(expectedKept, responses.Where(r => r.Status != ItemStatus.Dropped).Select(r => r.PromptId).Order());
        var dropped = responses.First(r => r.Status == ItemStatus.Dropped);
        Assert.Equal(0, dropped.Accuracy);
        Assert.Equal($"1 of 3 constraints fail; instruction #{ids[Capitals]}: accuracy 0, needs more than 0.5", dropped.DropReason);

        // Each instruction's pass rate counts every response carrying it by its own result: capitals never pass, the others always.
        var passRates = await db.Instructions.Where(i => i.RunId == run).ToDictionaryAsync(i => i.Text, i => i.PassRate);
        Assert.Equal(new Dictionary<string, double?> { [Apple] = 1, [Banana] = 1, [Lowercase] = 1, [Capitals] = 0 }, passRates);

        // The instruction page: the conflict with its reason, and every response carrying the instruction, led by it or not.
        var detail = new InstructionDetailQuery(harness.Database.Contexts);
        var shown = Assert.Single(await detail.ConflictsAsync(ids[Capitals]));
        Assert.Equal((ids[Lowercase], Lowercase), (shown.OtherInstructionId, shown.OtherText));
        Assert.Contains("answered no", shown.Reason, StringComparison.Ordinal);
        Assert.Empty(await detail.ConflictsAsync(ids[Apple]));
        var carryingApple = carried.Count(c => c.Value.Contains(ids[Apple]));
        Assert.True(carryingApple > 2);
        Assert.Equal(carryingApple, (await detail.ExecuteAsync(ids[Apple]))!.ResponseCount);
        Assert.Equal(carryingApple, (await detail.ResponsesAsync(ids[Apple], 0, 100)).Total);

        // Scores: every existing field, plus the difficulty and each constraint with its own verdicts.
        var runName = await db.Runs.Where(r => r.Id == run).Select(r => r.Name).SingleAsync();
        var scores = await ExportAsync(harness, new ExportRequest { Runs = [runName], Kind = ExportKind.Scores, Format = ExportFormats.ScoresJsonl });
        Assert.Equal(8, scores.Count);
        var row = scores.First(s => s.GetProperty("response").GetString() == TheAnswer && s.GetProperty("accuracy").GetDouble() == 0);
        Assert.Equal(["run", "instruction_id", "instruction", "prompt", "response", "accuracy", "verdicts", "judge_score", "difficulty", "constraints"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, row.GetProperty("difficulty").GetInt32());
        var constraints = row.GetProperty("constraints").EnumerateArray().ToList();
        Assert.Equal(3, constraints.Count);
        var capitals = constraints.Single(c => c.GetProperty("instruction_id").GetInt32() == ids[Capitals]);
        Assert.Equal((Capitals, 0.0, false), (capitals.GetProperty("instruction").GetString(), capitals.GetProperty("accuracy").GetDouble(), capitals.GetProperty("passed").GetBoolean()));
        Assert.Equal("false", Assert.Single(capitals.GetProperty("verdicts").EnumerateArray()).GetProperty("verdict").GetString());
        Assert.All(constraints.Where(c => c.GetProperty("instruction_id").GetInt32() != ids[Capitals]), c => Assert.True(c.GetProperty("passed").GetBoolean()));
        Assert.Equal(3, row.GetProperty("verdicts").GetArrayLength());

        // SFT: only the kept ones (the judge passed them all), with the prompt as composed and the difficulty in the metadata.
        var sft = await ExportAsync(harness, new ExportRequest { Runs = [runName], Format = ExportFormats.Messages, Metadata = true });
        Assert.Equal(expectedKept.Count, sft.Count);
        var keptPrompts = prompts.Where(p => expectedKept.Contains(p.Id)).Select(p => p.Text).Order().ToList();
        Assert.Equal(keptPrompts, sft.Select(r => r.GetProperty("messages")[0].GetProperty("content").GetString()!).Order());
        Assert.All(sft, r => Assert.Equal(3, r.GetProperty("metadata").GetProperty("difficulty").GetInt32()));
    }

    [Fact]
    public async Task The_same_settings_and_seed_compose_the_same_combinations_in_another_database()
    {
        List<string> firstTexts;
        await using (var harness = await PipelineHarness.StartAsync())
        {
            var (run, _) = await PrepareAsync(harness);
            harness.Server.DefaultReply = FakeReply.Answer("Answer: yes");
            await harness.RunStageAsync(PipelineStage.Queries, run);
            await harness.RunStageAsync(PipelineStage.Compose, run);
            firstTexts = await TextsAsync(harness, run);
            var calls = harness.Server.ChatRequestCount;
            // A rerun reads its decisions back: no new question, no new prompt.
            await harness.RunStageAsync(PipelineStage.Compose, run);
            Assert.Equal(calls, harness.Server.ChatRequestCount);
            Assert.Equal(firstTexts, await TextsAsync(harness, run));
        }
        await using (var again = await PipelineHarness.StartAsync())
        {
            var (run, _) = await PrepareAsync(again);
            again.Server.DefaultReply = FakeReply.Answer("Answer: yes");
            await again.RunStageAsync(PipelineStage.Queries, run);
            await again.RunStageAsync(PipelineStage.Compose, run);
            Assert.Equal(firstTexts, await TextsAsync(again, run));
        }
    }

    private static async Task<(int Run, Dictionary<string, int> Ids)> PrepareAsync(PipelineHarness harness)
    {
        var run = await harness.CreateRunAsync(("Compose:QueriesPerInstruction", "2"), ("Compose:MinInstructions", "3"), ("Compose:MaxInstructions", "3"), ("Responses:Samples", "1"));
        var ids = new Dictionary<string, int>();
        foreach (var (text, source) in new[]
                 {
                     (Apple, "def evaluate(response):\n    return 'apple' in response.lower()\n"),
                     (Banana, "def evaluate(response):\n    return 'banana' in response.lower()\n"),
                     (Lowercase, "def evaluate(response):\n    return response == response.lower()\n"),
                     (Capitals, "def evaluate(response):\n    return response == response.upper()\n"),
                 })
        {
            ids[text] = await harness.AddInstructionAsync(run, text, ItemStatus.Kept);
            await harness.AddVerifierAsync(run, ids[text], source, status: ItemStatus.Kept);
        }
        // A kept case written for "apple" that also mentions banana: the stored evidence that the two fit together.
        await harness.AddCaseAsync(run, ids[Apple], "I ate an apple and a banana.", expected: true, status: ItemStatus.Kept);
        return (run, ids);
    }

    private static async Task<List<string>> TextsAsync(PipelineHarness harness, int run)
    {
        await using var db = harness.CreateContext();
        return await db.ComposedPrompts.Where(p => p.RunId == run).OrderBy(p => p.Id).Select(p => p.Text).ToListAsync();
    }

    private static async Task<List<JsonElement>> ExportAsync(PipelineHarness harness, ExportRequest request)
    {
        using var output = new MemoryStream();
        await harness.Get<DatasetExporter>().ExportAsync(request, output);
        output.Position = 0;
        using var reader = new StreamReader(output);
        var rows = new List<JsonElement>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return rows;
    }
}
