using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Pipeline;

public class DpoPairBuilderTests
{
    [Fact]
    public async Task Chosen_responses_pass_both_thresholds_rejected_ones_have_accuracy_zero_and_a_prompt_gives_at_most_two_by_two()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        var best = await harness.AddResponseAsync(run, prompt, "r1", 0, accuracy: 1.0, judgeScore: 9);
        var atThresholds = await harness.AddResponseAsync(run, prompt, "r2", 1, accuracy: 0.5, judgeScore: 8);
        await harness.AddResponseAsync(run, prompt, "judged too low", 2, accuracy: 0.75, judgeScore: 7);
        await harness.AddResponseAsync(run, prompt, "never judged", 3, accuracy: 1.0);
        var zero1 = await harness.AddResponseAsync(run, prompt, "r5", 4, accuracy: 0);
        var zero2 = await harness.AddResponseAsync(run, prompt, "r6", 5, accuracy: 0);
        await harness.AddResponseAsync(run, prompt, "third zero", 6, accuracy: 0);
        await harness.AddResponseAsync(run, prompt, "neither", 7, accuracy: 0.25, judgeScore: 10);

        var (queryPairs, instructionPairs) = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);

        Assert.Equal((4, 0), (queryPairs, instructionPairs));
        await using var db = harness.CreateContext();
        var pairs = await db.DpoPairs.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            [(best, zero1), (best, zero2), (atThresholds, zero1), (atThresholds, zero2)],
            pairs.Select(p => (p.ChosenResponseId!.Value, p.RejectedResponseId!.Value)));
        Assert.All(pairs, p => Assert.Equal((PairLevel.Query, (int?)prompt, 0, 0.0), (p.Level, p.PromptId, p.Round, p.RejectedAccuracy)));
        Assert.Equal([1.0, 1.0, 0.5, 0.5], pairs.Select(p => p.ChosenAccuracy));
    }

    [Fact]
    public async Task With_several_constraints_chosen_passes_every_one_and_rejected_fails_at_least_one_while_a_single_constraint_prompt_keeps_the_paper_rule()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var x = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var y = await harness.AddInstructionAsync(run, "Mention y.", ItemStatus.Kept);
        var several = await harness.AddPromptAsync(run, x, "Answer.\n\nMention x.\nMention y.");
        await using (var setup = harness.CreateContext())
        {
            setup.PromptConstraints.Add(new PromptConstraint { RunId = run, PromptId = several, InstructionId = y, Position = 1 });
            await setup.SaveChangesAsync();
        }
        var single = await harness.AddPromptAsync(run, x, "Answer. Mention x.");
        // Accuracy is the weakest constraint's: 1 passes both, 0.5 fails one (needs more than 0.5) though it is not 0.
        var both = await harness.AddResponseAsync(run, several, "x y", 0, accuracy: 1.0, judgeScore: 9);
        var failsOne = await harness.AddResponseAsync(run, several, "x only", 1, accuracy: 0.5, judgeScore: 9);
        var singleBest = await harness.AddResponseAsync(run, single, "x", 0, accuracy: 1.0, judgeScore: 9);
        await harness.AddResponseAsync(run, single, "half", 1, accuracy: 0.5, judgeScore: 9);

        var (queryPairs, _) = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);

        await using var db = harness.CreateContext();
        var pair = Assert.Single(await db.DpoPairs.Where(p => p.Level == PairLevel.Query).ToListAsync());
        Assert.Equal((1, several, both, failsOne), (queryPairs, pair.PromptId, pair.ChosenResponseId, pair.RejectedResponseId));
        // On the single-constraint prompt 0.5 is chosen-eligible and nothing has accuracy 0: no pair, as in the paper.
        Assert.DoesNotContain(await db.DpoPairs.ToListAsync(), p => p.ChosenResponseId == singleBest);
    }

    [Fact]
    public async Task MaxPairsPerPrompt_caps_the_pairs_of_each_prompt()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Dpo:MaxPairsPerPrompt", "3"));
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        foreach (var p in new[] { "first prompt", "second prompt" })
        {
            var prompt = await harness.AddPromptAsync(run, instruction, p);
            await harness.AddResponseAsync(run, prompt, "a", 0, accuracy: 1.0, judgeScore: 10);
            await harness.AddResponseAsync(run, prompt, "b", 1, accuracy: 1.0, judgeScore: 10);
            await harness.AddResponseAsync(run, prompt, "c", 2, accuracy: 0);
            await harness.AddResponseAsync(run, prompt, "d", 3, accuracy: 0);
        }

        var (queryPairs, _) = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);

        Assert.Equal(6, queryPairs);
        await using var db = harness.CreateContext();
        Assert.Equal([3, 3], await db.DpoPairs.GroupBy(p => p.PromptId).Select(g => g.Count()).ToListAsync());
    }

    [Fact]
    public async Task Prompts_paged_a_few_at_a_time_give_the_same_pairs_in_the_same_order_as_all_at_once()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        for (var n = 0; n < 7; n++)
        {
            var prompt = await harness.AddPromptAsync(run, instruction, $"prompt {n}");
            // Prompt 3 has no rejected side, prompt 5 no responses at all: pages must not depend on every prompt pairing.
            if (n == 5)
            {
                continue;
            }
            await harness.AddResponseAsync(run, prompt, "good", 0, accuracy: 1.0, judgeScore: 9);
            await harness.AddResponseAsync(run, prompt, n == 3 ? "also fine" : "bad", 1, accuracy: n == 3 ? 0.75 : 0, judgeScore: 9);
        }
        var contexts = harness.Get<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>();

        var (allAtOnce, _) = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);
        var expected = await PairsAsync();
        var (paged, _) = await new DpoPairBuilder(contexts) { PromptsPerPage = 2 }.BuildAsync(run, 0, CancellationToken.None);

        Assert.Equal((5, 5), (allAtOnce, paged));
        Assert.Equal(expected, await PairsAsync());

        async Task<List<(int?, long?, long?)>> PairsAsync()
        {
            await using var db = harness.CreateContext();
            return (await db.DpoPairs.OrderBy(p => p.Id).Select(p => new { p.PromptId, p.ChosenResponseId, p.RejectedResponseId }).ToListAsync())
                .Select(p => (p.PromptId, p.ChosenResponseId, p.RejectedResponseId)).ToList();
        }
    }

    [Fact]
    public async Task A_human_approval_makes_a_response_chosen_and_a_rejection_removes_it_from_both_sides()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var approvedPrompt = await harness.AddPromptAsync(run, instruction, "approved prompt");
        var approved = await harness.AddResponseAsync(run, approvedPrompt, "low accuracy but approved", 0, accuracy: 0.25, review: ReviewState.Approved);
        var failing = await harness.AddResponseAsync(run, approvedPrompt, "fails", 1, accuracy: 0);
        var rejectedPrompt = await harness.AddPromptAsync(run, instruction, "rejected prompt");
        await harness.AddResponseAsync(run, rejectedPrompt, "perfect but rejected", 0, accuracy: 1.0, judgeScore: 10, review: ReviewState.Rejected);
        var good = await harness.AddResponseAsync(run, rejectedPrompt, "good", 1, accuracy: 0.9, judgeScore: 9);
        await harness.AddResponseAsync(run, rejectedPrompt, "failing but rejected", 2, accuracy: 0, review: ReviewState.Rejected);
        var bad = await harness.AddResponseAsync(run, rejectedPrompt, "bad", 3, accuracy: 0);

        await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);

        await using var db = harness.CreateContext();
        var pairs = await db.DpoPairs.OrderBy(p => p.Id).Select(p => new { p.ChosenResponseId, p.RejectedResponseId }).ToListAsync();
        Assert.Equal([(approved, failing), (good, bad)], pairs.Select(p => (p.ChosenResponseId!.Value, p.RejectedResponseId!.Value)));
    }

    [Fact]
    public async Task Instruction_level_pairs_contrast_a_case_every_kept_function_accepts_with_one_none_accepts()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x and y.", ItemStatus.Kept);
        var v1 = await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return 'x' in r\n", status: ItemStatus.Kept);
        var v2 = await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return 'y' in r\n", status: ItemStatus.Kept);
        var dropped = await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return False\n", status: ItemStatus.Dropped);
        var all = await harness.AddCaseAsync(run, instruction, "x y", true, ItemStatus.Kept);
        var none = await harness.AddCaseAsync(run, instruction, "z", false, ItemStatus.Kept);
        var some = await harness.AddCaseAsync(run, instruction, "x", false, ItemStatus.Kept);
        await using (var db = harness.CreateContext())
        {
            db.CaseResults.AddRange(
                new CaseResult { VerifierId = v1, TestCaseId = all, Verdict = VerdictKind.True },
                new CaseResult { VerifierId = v2, TestCaseId = all, Verdict = VerdictKind.True },
                new CaseResult { VerifierId = dropped, TestCaseId = all, Verdict = VerdictKind.False },
                new CaseResult { VerifierId = v1, TestCaseId = none, Verdict = VerdictKind.False },
                new CaseResult { VerifierId = v2, TestCaseId = none, Verdict = VerdictKind.Error },
                new CaseResult { VerifierId = v1, TestCaseId = some, Verdict = VerdictKind.True },
                new CaseResult { VerifierId = v2, TestCaseId = some, Verdict = VerdictKind.False });
            await db.SaveChangesAsync();
        }

        var (queryPairs, instructionPairs) = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);

        Assert.Equal((0, 1), (queryPairs, instructionPairs));
        await using var read = harness.CreateContext();
        var pair = await read.DpoPairs.SingleAsync();
        Assert.Equal((PairLevel.Instruction, (int?)all, (int?)none, 1.0, 0.0), (pair.Level, pair.ChosenCaseId, pair.RejectedCaseId, pair.ChosenAccuracy, pair.RejectedAccuracy));
    }

    [Fact]
    public async Task Building_again_replaces_the_round_instead_of_adding_to_it()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        await harness.AddResponseAsync(run, prompt, "good", 0, accuracy: 1.0, judgeScore: 9);
        await harness.AddResponseAsync(run, prompt, "bad", 1, accuracy: 0);
        var builder = harness.Get<DpoPairBuilder>();
        await builder.BuildAsync(run, 0, CancellationToken.None);

        await builder.BuildAsync(run, 0, CancellationToken.None);

        await using var db = harness.CreateContext();
        Assert.Equal(1, await db.DpoPairs.CountAsync());
    }

    [Fact]
    public async Task A_pair_is_stored_kept_and_a_rebuild_keeps_a_reviewers_decision_on_it_with_its_history()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        var good = await harness.AddResponseAsync(run, prompt, "good", 0, accuracy: 1.0, judgeScore: 9);
        var bad = await harness.AddResponseAsync(run, prompt, "bad", 1, accuracy: 0);
        var worse = await harness.AddResponseAsync(run, prompt, "worse", 2, accuracy: 0);
        var builder = harness.Get<DpoPairBuilder>();
        await builder.BuildAsync(run, 0, CancellationToken.None);
        long first;
        await using (var db = harness.CreateContext())
        {
            var built = await db.DpoPairs.OrderBy(p => p.Id).ToListAsync();
            Assert.All(built, p => Assert.Equal((ItemStatus.Kept, ReviewState.None, (string?)null), (p.Status, p.ReviewState, p.DropReasonCode)));
            first = built.Single(p => p.RejectedResponseId == bad).Id;
        }
        var reviews = new ReviewService(harness.Database.Contexts, Options.Create(new ReviewOptions()), TimeProvider.System);
        await reviews.RecordAsync(new ReviewDecision(ReviewTarget.Pair, first, ReviewState.Rejected, "x only in passing"));

        await builder.BuildAsync(run, 0, CancellationToken.None);

        await using var read = harness.CreateContext();
        var rebuilt = await read.DpoPairs.OrderBy(p => p.Id).Select(p => new { p.Id, p.RejectedResponseId, p.ReviewState }).ToListAsync();
        Assert.Equal([(bad, ReviewState.Rejected), (worse, ReviewState.None)], rebuilt.Select(p => (p.RejectedResponseId!.Value, p.ReviewState)));
        Assert.NotEqual(first, rebuilt[0].Id);
        Assert.Equal("x only in passing", Assert.Single(await reviews.HistoryAsync(ReviewTarget.Pair, rebuilt[0].Id)).Note);
        Assert.Equal(good, await read.DpoPairs.Where(p => p.Id == rebuilt[0].Id).Select(p => p.ChosenResponseId!.Value).SingleAsync());
    }

    [Fact]
    public async Task Under_the_scripts_pairs_need_no_judge_and_two_of_each_side_are_drawn_when_either_side_has_two()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Profile", "scripts"));
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var wide = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        var chosen = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            chosen.Add(await harness.AddResponseAsync(run, wide, $"good {i}", i, accuracy: 0.5 + (i * 0.1)));
        }
        var onlyRejected = await harness.AddResponseAsync(run, wide, "bad", 4, accuracy: 0);
        var narrow = await harness.AddPromptAsync(run, instruction, "Another. Mention x.");
        var one = await harness.AddResponseAsync(run, narrow, "good", 0, accuracy: 1, judgeScore: 2);
        var none = await harness.AddResponseAsync(run, narrow, "bad", 1, accuracy: 0);
        await harness.AddResponseAsync(run, narrow, "neither side", 2, accuracy: 0.25);

        var (queryPairs, instructionPairs) = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);

        await using var db = harness.CreateContext();
        var pairs = await db.DpoPairs.Select(p => new { p.PromptId, Chosen = p.ChosenResponseId!.Value, Rejected = p.RejectedResponseId!.Value }).ToListAsync();
        // Four chosen, one rejected: two chosen drawn (seeded) × the one rejected. The narrow prompt: its one of each, judge score ignored.
        var fromWide = pairs.Where(p => p.PromptId == wide).ToList();
        Assert.Equal(2, fromWide.Count);
        Assert.All(fromWide, p => Assert.Contains(p.Chosen, chosen));
        Assert.Equal(2, fromWide.Select(p => p.Chosen).Distinct().Count());
        Assert.All(fromWide, p => Assert.Equal(onlyRejected, p.Rejected));
        Assert.Equal([(one, none)], pairs.Where(p => p.PromptId == narrow).Select(p => (p.Chosen, p.Rejected)));
        Assert.Equal((3, 0), (queryPairs, instructionPairs));

        var again = await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);
        await using var db2 = harness.CreateContext();
        Assert.Equal(pairs.Select(p => (p.Chosen, p.Rejected)), await db2.DpoPairs.OrderBy(p => p.Id).Select(p => ValueTuple.Create(p.ChosenResponseId!.Value, p.RejectedResponseId!.Value)).ToListAsync());
    }

    /// <summary>
    /// Decision 048: the random draw is the run's inputs' and seed's, whatever ids the database gave the run's rows. Two
    /// runs with the same rows, added in turns so that no row of the second has its twin's id, draw the same pairs.
    /// </summary>
    [Fact]
    public async Task Two_runs_with_the_same_rows_and_seed_draw_the_same_random_pairs_though_their_rows_have_other_ids()
    {
        await using var harness = await PipelineHarness.StartAsync();
        int[] runs = [await harness.CreateRunAsync(("Profile", "scripts")), await harness.CreateRunAsync(("Profile", "scripts"))];
        var instructions = new Dictionary<int, int>();
        foreach (var run in runs)
        {
            instructions[run] = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        }
        for (var p = 0; p < 4; p++)
        {
            foreach (var run in runs)
            {
                var prompt = await harness.AddPromptAsync(run, instructions[run], $"Question {p}. Mention x.");
                for (var i = 0; i < 6; i++)
                {
                    await harness.AddResponseAsync(run, prompt, $"good {p}.{i}", i, accuracy: 0.5 + (i * 0.05));
                }
                await harness.AddResponseAsync(run, prompt, $"bad {p}", 6, accuracy: 0);
            }
        }

        var drawn = new List<List<(string Chosen, string Rejected)>>();
        foreach (var run in runs)
        {
            await harness.Get<DpoPairBuilder>().BuildAsync(run, 0, CancellationToken.None);
            await using var db = harness.CreateContext();
            drawn.Add([.. (await db.DpoPairs.Where(p => p.RunId == run).OrderBy(p => p.Id)
                .Select(p => new { Chosen = db.Responses.Single(r => r.Id == p.ChosenResponseId).Text, Rejected = db.Responses.Single(r => r.Id == p.RejectedResponseId).Text })
                .ToListAsync()).Select(p => (p.Chosen, p.Rejected))]);
        }

        // Two of the six chosen per prompt, each with the one rejected.
        Assert.Equal(8, drawn[0].Count);
        Assert.Equal(drawn[0], drawn[1]);
    }
}
