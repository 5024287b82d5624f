using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class ConsistencyStageTests
{
    [Fact]
    public async Task A_contradicting_back_translation_or_an_unreadable_label_drops_its_instruction_and_the_others_are_kept()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var contradicted = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var entailed = await harness.AddInstructionAsync(run, "End with a question.");
        var unreadable = await harness.AddInstructionAsync(run, "Use no commas.");
        var alreadyDropped = await harness.AddInstructionAsync(run, "Write a haiku.", ItemStatus.Dropped);
        await using (var db = harness.CreateContext())
        {
            db.BackTranslations.AddRange(
                new BackTranslation { RunId = run, InstructionId = contradicted, Text = "Answer in fewer than five words." },
                new BackTranslation { RunId = run, InstructionId = contradicted, Text = "Answer in more than 100 words." },
                new BackTranslation { RunId = run, InstructionId = entailed, Text = "Finish the response with a question mark." },
                new BackTranslation { RunId = run, InstructionId = unreadable, Text = "Avoid commas entirely." },
                new BackTranslation { RunId = run, InstructionId = unreadable, Text = "Do not use the character ','." },
                new BackTranslation { RunId = run, InstructionId = alreadyDropped, Text = "Write three lines." });
            await db.SaveChangesAsync();
        }
        harness.Server.Script("Hypothesis: Answer in more than 100 words", FakeReply.Answer("They cannot both hold.\nLabel: contradiction"));
        harness.Server.Script("Hypothesis: Do not use the character", FakeReply.Answer("Hmm."));
        harness.Server.DefaultReply = FakeReply.Answer("Label: entailment");

        await harness.RunStageAsync(PipelineStage.Consistency, run);

        Assert.Equal(5, harness.Server.ChatRequestCount);
        await using var read = harness.CreateContext();
        var instructions = await read.Instructions.OrderBy(i => i.Id).ToDictionaryAsync(i => i.Id);
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.Consistency, "a back-translation contradicts it: \"Answer in more than 100 words.\""),
            (instructions[contradicted].Status, instructions[contradicted].DropStage, instructions[contradicted].DropReason));
        Assert.Equal(ItemStatus.Kept, instructions[entailed].Status);
        // One entailed back-translation does not make up for one the check could not read: nothing passes unchecked.
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.Consistency, "the consistency check gave no readable label for \"Do not use the character ','.\""),
            (instructions[unreadable].Status, instructions[unreadable].DropStage, instructions[unreadable].DropReason));
        Assert.Equal((ItemStatus.Dropped, (string?)null), (instructions[alreadyDropped].Status, instructions[alreadyDropped].DropReason));
        var labels = await read.BackTranslations.OrderBy(b => b.Id).Select(b => b.Label).ToListAsync();
        Assert.Equal([NliLabel.Entailment, NliLabel.Contradiction, NliLabel.Entailment, NliLabel.Entailment, NliLabel.Unreadable, NliLabel.Unknown], labels);
        Assert.Equal("Hmm.", (await read.BackTranslations.SingleAsync(b => b.Label == NliLabel.Unreadable)).LabelRaw);
    }

    [Fact]
    public async Task A_failed_call_keeps_every_instruction_pending_and_the_resume_asks_only_for_it_then_drops_the_unreadable_and_the_withoutBackTranslationwith_their_reasons()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var unreadable = await harness.AddInstructionAsync(run, "Use no commas.");
        var waiting = await harness.AddInstructionAsync(run, "End with a question.");
        var withoutBackTranslation = await harness.AddInstructionAsync(run, "Answer in capitals.");
        await using (var db = harness.CreateContext())
        {
            db.BackTranslations.AddRange(
                new BackTranslation { RunId = run, InstructionId = unreadable, Text = "Do not use the character ','." },
                new BackTranslation { RunId = run, InstructionId = waiting, Text = "Finish the response with a question mark." });
            await db.SaveChangesAsync();
        }
        harness.Server.Script("Hypothesis: Do not use the character", FakeReply.Answer("I would rather not say."));
        harness.Server.Script("Hypothesis: Finish the response", FakeReply.Error(503, "overloaded"));

        await Assert.ThrowsAsync<LlmCallsFailedException>(() => harness.RunStageAsync(PipelineStage.Consistency, run));

        await using (var db = harness.CreateContext())
        {
            Assert.All(await db.Instructions.ToListAsync(), i => Assert.Equal(ItemStatus.Pending, i.Status));
            Assert.Equal([NliLabel.Unreadable, NliLabel.Unknown], await db.BackTranslations.OrderBy(b => b.Id).Select(b => b.Label).ToListAsync());
            // With the stored answers gone, a label the resume asked for again would reach the model.
            await db.LlmCalls.ExecuteDeleteAsync();
        }
        var before = harness.Server.ChatRequestCount;
        harness.Server.ClearScripts();
        harness.Server.DefaultReply = FakeReply.Answer("Label: entailment");

        await harness.RunStageAsync(PipelineStage.Consistency, run);

        Assert.Equal(1, harness.Server.ChatRequestCount - before);
        Assert.Contains("Hypothesis: Finish the response", harness.Server.Requests[^1].LastUserMessage, StringComparison.Ordinal);
        await using var read = harness.CreateContext();
        var instructions = await read.Instructions.ToDictionaryAsync(i => i.Id);
        Assert.Equal(ItemStatus.Kept, instructions[waiting].Status);
        Assert.Equal((ItemStatus.Dropped, "the consistency check gave no readable label for \"Do not use the character ','.\""),
            (instructions[unreadable].Status, instructions[unreadable].DropReason));
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.Consistency, ConsistencyDropReasons.NoBackTranslation),
            (instructions[withoutBackTranslation].Status, instructions[withoutBackTranslation].DropStage, instructions[withoutBackTranslation].DropReason));
        var progress = await read.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Consistency);
        Assert.Equal("0 instructions contradicted, 1 without a readable label, 1 without a back-translation, 1 kept", progress.Message);

        var consistent = (await harness.Get<RunFunnelQuery>().ExecuteAsync(run)).Single(s => s.Name == "consistent");
        Assert.Equal(1, consistent.Count);
        Assert.Equal(
            [("no back-translation to check it against", 1L), ("the consistency check gave no readable label for \"…\"", 1L)],
            consistent.Dropped.Select(d => (d.Reason, d.Count)).Order());
    }
}
