using AutoIF.Core.Domain;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class JudgeStageTests
{
    [Fact]
    public async Task Responses_scoring_at_least_the_minimum_are_kept_and_the_others_dropped_with_score_or_reason()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "How do I boil an egg? Answer in fewer than 5 words.");
        var nine = await harness.AddResponseAsync(run, prompt, "Boil it nine minutes.", 0, accuracy: 1.0);
        var eight = await harness.AddResponseAsync(run, prompt, "Simmer, then cool.", 1, accuracy: 1.0);
        var seven = await harness.AddResponseAsync(run, prompt, "Eggs are nice.", 2, accuracy: 1.0);
        var noScore = await harness.AddResponseAsync(run, prompt, "Use water.", 3, accuracy: 1.0);
        await harness.AddResponseAsync(run, prompt, "Dropped by verification.", 4, accuracy: 0, status: ItemStatus.Dropped);
        await harness.AddResponseAsync(run, prompt, "Not verified yet.", 5);
        harness.Server.Script("Boil it nine", FakeReply.Answer("Complete and correct.\nScore: 9"));
        harness.Server.Script("Simmer, then", FakeReply.Answer("Brief but fine.\n**Score: 8**"));
        harness.Server.Script("Eggs are nice", FakeReply.Answer("Does not say how.\nScore: 7"));
        harness.Server.Script("Use water", FakeReply.Answer("I would rather not rate this."));

        await harness.RunStageAsync(PipelineStage.Judge, run);

        Assert.Equal(4, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        var rows = await db.Responses.Where(r => r.Id == nine || r.Id == eight || r.Id == seven || r.Id == noScore).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(
            [
                (9, ItemStatus.Kept, (string?)null, "Complete and correct."),
                (8, ItemStatus.Kept, null, "Brief but fine."),
                (7, ItemStatus.Dropped, "judge score 7 (needs at least 8)", "Does not say how."),
            ],
            rows.Take(3).Select(r => (r.JudgeScore!.Value, r.Status, r.DropReason, r.JudgeRationale)));
        var unscored = rows[3];
        Assert.Equal((null, ItemStatus.Dropped, (PipelineStage?)PipelineStage.Judge), (unscored.JudgeScore, unscored.Status, unscored.DropStage));
        Assert.Equal("the judge gave no usable score: No \"Score: N\" line found.", unscored.DropReason);
        Assert.Equal(2, await db.Responses.CountAsync(r => r.JudgeScore == null && r.Id != noScore));
    }

    [Fact]
    public async Task Judged_responses_are_not_judged_again()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        await harness.AddResponseAsync(run, prompt, "Rayleigh scattering.", 0, accuracy: 1.0);
        harness.Server.DefaultReply = FakeReply.Answer("Score: 10");
        await harness.RunStageAsync(PipelineStage.Judge, run);

        await harness.RunStageAsync(PipelineStage.Judge, run);

        Assert.Equal(1, harness.Server.ChatRequestCount);
    }

    [Fact]
    public async Task The_judge_of_a_prompt_carrying_two_constraints_is_shown_both_one_per_line()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var apple = await harness.AddInstructionAsync(run, "mention the word apple.", ItemStatus.Kept);
        var banana = await harness.AddInstructionAsync(run, "Mention the word banana.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, apple, "Name two fruits.\n\nMention the word apple.\nMention the word banana.");
        await using (var db = harness.CreateContext())
        {
            db.PromptConstraints.Add(new PromptConstraint { RunId = run, PromptId = prompt, InstructionId = banana, Position = 1 });
            await db.SaveChangesAsync();
        }
        await harness.AddResponseAsync(run, prompt, "An apple and a banana.", 0, accuracy: 1.0);
        harness.Server.DefaultReply = FakeReply.Answer("Score: 9");

        await harness.RunStageAsync(PipelineStage.Judge, run);

        var judged = Assert.Single(harness.Server.Requests, r => r.LastUserMessage.StartsWith("You are reviewing a response", StringComparison.Ordinal)).LastUserMessage;
        // Listed as the prompt lists them (PromptComposer): the lead first, each capitalised, one per line.
        Assert.Contains("Instruction: Mention the word apple.\nMention the word banana.\n\nResponse:", judged, StringComparison.Ordinal);
    }
}
