using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public partial class ComposeStageTests
{
    private const string SeveralGolden = "Fixtures/Golden/Compose/one-to-four-constraints.txt";

    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];

    [Fact]
    public async Task Each_kept_instruction_gets_K_distinct_queries_joined_by_the_composer_and_a_dropped_one_gets_none()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var (run, kept, dropped) = await PrepareAsync(harness);

        await harness.RunStageAsync(PipelineStage.Compose, run);

        await using var db = harness.CreateContext();
        var prompts = await db.ComposedPrompts.Include(p => p.Query).Where(p => p.RunId == run).ToListAsync();
        Assert.Equal(3, prompts.Count);
        Assert.All(prompts, p => Assert.Equal((kept, 0, PromptComposer.Compose(p.Query!.Text, "Answer in fewer than 50 words.")), (p.InstructionId, p.Round, p.Text)));
        Assert.Equal(3, prompts.Select(p => p.QueryId).Distinct().Count());
        Assert.DoesNotContain(prompts, p => p.InstructionId == dropped);
    }

    [Fact]
    public async Task The_same_inputs_and_seed_draw_the_same_queries_in_another_database_and_a_rerun_adds_nothing()
    {
        List<string> first;
        await using (var harness = await PipelineHarness.StartAsync())
        {
            var (run, _, _) = await PrepareAsync(harness);
            await harness.RunStageAsync(PipelineStage.Compose, run);
            first = await TextsAsync(harness, run);
            await harness.RunStageAsync(PipelineStage.Compose, run);
            Assert.Equal(first, await TextsAsync(harness, run));
        }
        await using (var again = await PipelineHarness.StartAsync())
        {
            var (run, _, _) = await PrepareAsync(again);
            await again.RunStageAsync(PipelineStage.Compose, run);
            Assert.Equal(first, await TextsAsync(again, run));
        }
    }

    /// <summary>
    /// Which instructions each prompt carries, and which pairs were decided and how, for a run of 1–4 constraints per
    /// prompt with conflicts, unreadable answers and stored evidence. The golden file was written by the one-check-at-a-time
    /// compose the stage had before its checks were gathered into concurrent rounds: the draws must not change.
    /// </summary>
    [Fact]
    public async Task Several_constraints_per_prompt_are_drawn_and_decided_exactly_as_recorded_and_no_prompt_carries_a_conflict()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var (run, ids) = await PrepareSeveralAsync(harness);

        await harness.RunStageAsync(PipelineStage.Compose, run);

        GoldenFiles.AssertText(SeveralGolden, await DrawsAndDecisionsAsync(harness, run, ids));
    }

    /// <summary>
    /// Decision 048: the draws are the run's inputs' and seed's, not the ids the database gave its rows. A run in a
    /// database that already holds another run's instructions and queries draws and decides what the golden file records.
    /// </summary>
    [Fact]
    public async Task A_run_in_a_database_already_holding_another_run_draws_and_decides_exactly_as_recorded()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var earlier = await harness.CreateRunAsync(("Compose:QueriesPerInstruction", "3"));
        foreach (var w in Words.Take(3))
        {
            await harness.AddInstructionAsync(earlier, $"Write about {w}.", ItemStatus.Kept);
        }
        await harness.RunStageAsync(PipelineStage.Queries, earlier);
        var (run, ids) = await PrepareSeveralAsync(harness);

        await harness.RunStageAsync(PipelineStage.Compose, run);

        var offset = ids.Values.Min() - 1;
        Assert.True(offset >= 3, "the run's instructions should have ids after the earlier run's");
        // A decision's reason names instructions by id (the recorded run's started at 1): those are given the recorded ids.
        var drawn = InstructionReference().Replace(await DrawsAndDecisionsAsync(harness, run, ids), m =>
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var id && ids.ContainsValue(id) ? $"#{id - offset}" : m.Value);
        GoldenFiles.AssertText(SeveralGolden, drawn);
    }

    [Fact]
    public async Task Compatibility_checks_are_asked_together_and_each_pair_only_once()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var (run, _) = await PrepareSeveralAsync(harness);
        harness.Server.HoldReplies();

        var compose = harness.RunStageAsync(PipelineStage.Compose, run);
        // One at a time, a second question would wait for the first answer, held here: this state is never reached.
        await Poll.UntilAsync(() => harness.Server.InFlight >= 4 || compose.IsCompleted);
        harness.Server.ReleaseReplies();
        await compose;

        Assert.True(harness.Server.MaxInFlight >= 4, $"at most {harness.Server.MaxInFlight} compatibility checks were in flight together");
        await using var db = harness.CreateContext();
        var askedModel = await db.ConstraintCompatibilities.CountAsync(c => c.RunId == run && c.Evidence == CompatibilityEvidence.Model);
        var asked = harness.Server.Requests.Where(r => r.LastUserMessage.StartsWith("Decide whether one response", StringComparison.Ordinal))
            .Select(r => r.LastUserMessage).ToList();
        Assert.Equal(askedModel, asked.Count);
        Assert.Equal(asked.Count, asked.Distinct().Count());
    }

    [Fact]
    public async Task A_check_that_cannot_reach_the_model_fails_the_stage_keeps_the_other_decisions_and_a_rerun_composes_the_same_prompts()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var (run, ids) = await PrepareSeveralAsync(harness);
        var answers = harness.Server.Responder!;
        harness.Server.Responder = prompt => prompt.Contains("word kappa.", StringComparison.Ordinal) && CompatibilityQuestion().IsMatch(prompt)
            ? FakeReply.Error(503, "overloaded") : answers(prompt);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunStageAsync(PipelineStage.Compose, run));

        Assert.Contains("could not reach the model", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"#{ids["kappa"]}", failure.Message, StringComparison.Ordinal);
        int askedBefore;
        await using (var db = harness.CreateContext())
        {
            Assert.Equal(0, await db.ComposedPrompts.CountAsync(p => p.RunId == run));
            askedBefore = await db.ConstraintCompatibilities.CountAsync(c => c.RunId == run && c.Evidence == CompatibilityEvidence.Model);
            Assert.True(askedBefore > 0, "the decisions made before the failure were not stored");
            Assert.Equal(0, await db.ConstraintCompatibilities.CountAsync(c => c.RunId == run && c.Evidence == CompatibilityEvidence.Model
                && (c.FirstInstructionId == ids["kappa"] || c.SecondInstructionId == ids["kappa"])));
        }

        harness.Server.Responder = answers;
        var asked = harness.Server.ChatRequestCount;
        await harness.RunStageAsync(PipelineStage.Compose, run);

        GoldenFiles.AssertText(SeveralGolden, await DrawsAndDecisionsAsync(harness, run, ids));
        await using (var db = harness.CreateContext())
        {
            // The rerun asked only what the first pass had not decided.
            var askedAfter = await db.ConstraintCompatibilities.CountAsync(c => c.RunId == run && c.Evidence == CompatibilityEvidence.Model);
            Assert.Equal(askedAfter - askedBefore, harness.Server.ChatRequestCount - asked);
        }
    }

    /// <summary>The prompts' instructions and the decisions as the golden file lists them; fails if a prompt carries a conflicting pair.</summary>
    private static async Task<string> DrawsAndDecisionsAsync(PipelineHarness harness, int run, Dictionary<string, int> ids)
    {
        await using var db = harness.CreateContext();
        var word = ids.ToDictionary(kv => kv.Value, kv => kv.Key);
        var prompts = await db.ComposedPrompts.Where(p => p.RunId == run).Include(p => p.Query).Include(p => p.Constraints)
            .OrderBy(p => p.InstructionId).ThenBy(p => p.QueryId).ToListAsync();
        var decisions = await db.ConstraintCompatibilities.Where(c => c.RunId == run)
            .OrderBy(c => c.FirstInstructionId).ThenBy(c => c.SecondInstructionId).ToListAsync();
        var conflicts = decisions.Where(d => !d.Compatible).Select(d => (d.FirstInstructionId, d.SecondInstructionId)).ToHashSet();
        Assert.NotEmpty(conflicts);
        foreach (var prompt in prompts)
        {
            var carried = prompt.Constraints.Select(c => c.InstructionId).Prepend(prompt.InstructionId).ToList();
            Assert.DoesNotContain(carried.SelectMany(a => carried.Where(b => a < b).Select(b => (a, b))), conflicts.Contains);
        }
        var text = new StringBuilder("prompts (lead | query | the others, in order):\n");
        foreach (var prompt in prompts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{word[prompt.InstructionId]} | {prompt.Query!.Text} | {string.Join(", ", prompt.Constraints.OrderBy(c => c.Position).Select(c => word[c.InstructionId]))}\n");
        }
        text.Append("decisions:\n");
        foreach (var d in decisions)
        {
            text.Append(CultureInfo.InvariantCulture, $"{word[d.FirstInstructionId]} + {word[d.SecondInstructionId]}: {(d.Compatible ? "compatible" : "conflict")} by {d.Evidence}: {d.Reason}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Ten "mention the word" instructions, 1–4 per prompt. The model calls a pair a conflict when the words' positions add
    /// up to 1 modulo 4, and gives no readable answer when their product is 3 modulo 7; a stored case for alpha that also
    /// mentions beta and gamma shows those pairs compatible without asking.
    /// </summary>
    private static async Task<(int Run, Dictionary<string, int> Ids)> PrepareSeveralAsync(PipelineHarness harness)
    {
        var run = await harness.CreateRunAsync(("Compose:QueriesPerInstruction", "3"), ("Compose:MinInstructions", "1"), ("Compose:MaxInstructions", "4"));
        var ids = new Dictionary<string, int>();
        foreach (var w in Words)
        {
            ids[w] = await harness.AddInstructionAsync(run, $"Mention the word {w}.", ItemStatus.Kept);
            await harness.AddVerifierAsync(run, ids[w], $"def evaluate(response):\n    return '{w}' in response.lower()\n", status: ItemStatus.Kept);
        }
        await harness.AddCaseAsync(run, ids["alpha"], "alpha, beta and gamma.", expected: true, status: ItemStatus.Kept);
        harness.Server.Responder = prompt =>
        {
            if (CompatibilityQuestion().Match(prompt) is not { Success: true } match)
            {
                return null;
            }
            var (a, b) = (Array.IndexOf(Words, match.Groups[1].Value), Array.IndexOf(Words, match.Groups[2].Value));
            return FakeReply.Answer((a + b) % 4 == 1 ? "Answer: no" : a * b % 7 == 3 ? "Perhaps, it depends." : "Answer: yes");
        };
        await harness.RunStageAsync(PipelineStage.Queries, run);
        return (run, ids);
    }

    [GeneratedRegex(@"(?<=instruction |of )#(\d+)")]
    private static partial Regex InstructionReference();

    [GeneratedRegex(@"Instruction A: Mention the word (\w+)\.\s*Instruction B: Mention the word (\w+)\.")]
    private static partial Regex CompatibilityQuestion();

    private static async Task<(int Run, int Kept, int Dropped)> PrepareAsync(PipelineHarness harness)
    {
        var run = await harness.CreateRunAsync(("Compose:QueriesPerInstruction", "3"));
        var kept = await harness.AddInstructionAsync(run, "Answer in fewer than 50 words.", ItemStatus.Kept);
        var dropped = await harness.AddInstructionAsync(run, "Write a haiku.", ItemStatus.Dropped);
        await harness.RunStageAsync(PipelineStage.Queries, run);
        return (run, kept, dropped);
    }

    private static async Task<List<string>> TextsAsync(PipelineHarness harness, int run)
    {
        await using var db = harness.CreateContext();
        return await db.ComposedPrompts.Where(p => p.RunId == run).OrderBy(p => p.Id).Select(p => p.Text).ToListAsync();
    }
}
