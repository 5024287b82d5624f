using AutoIF.Core.Domain;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class ConsistencyStageTests
{
    [Fact]
    public async Task A_contradicting_back_translation_drops_its_instruction_and_the_others_are_kept()
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
                new BackTranslation { RunId = run, InstructionId = unreadable, Text = "Do not use the character ','." },
                new BackTranslation { RunId = run, InstructionId = alreadyDropped, Text = "Write three lines." });
            await db.SaveChangesAsync();
        }
        harness.Server.Script("Hypothesis: Answer in more than 100 words", FakeReply.Answer("They cannot both hold.\nLabel: contradiction"));
        harness.Server.Script("Hypothesis: Do not use the character", FakeReply.Answer("Hmm."));
        harness.Server.DefaultReply = FakeReply.Answer("Label: entailment");

        await harness.RunStageAsync(PipelineStage.Consistency, run);

        Assert.Equal(4, harness.Server.ChatRequestCount);
        await using var read = harness.CreateContext();
        var instructions = await read.Instructions.OrderBy(i => i.Id).ToDictionaryAsync(i => i.Id);
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.Consistency, "a back-translation contradicts it: \"Answer in more than 100 words.\""),
            (instructions[contradicted].Status, instructions[contradicted].DropStage, instructions[contradicted].DropReason));
        Assert.Equal(ItemStatus.Kept, instructions[entailed].Status);
        Assert.Equal(ItemStatus.Kept, instructions[unreadable].Status);
        Assert.Equal((ItemStatus.Dropped, (string?)null), (instructions[alreadyDropped].Status, instructions[alreadyDropped].DropReason));
        var labels = await read.BackTranslations.OrderBy(b => b.Id).Select(b => b.Label).ToListAsync();
        Assert.Equal([NliLabel.Entailment, NliLabel.Contradiction, NliLabel.Entailment, NliLabel.Neutral, NliLabel.Unknown], labels);
        Assert.Equal("Hmm.", (await read.BackTranslations.SingleAsync(b => b.InstructionId == unreadable)).LabelRaw);
    }
}
