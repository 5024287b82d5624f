using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Reports;

public class DifficultyQueryTests
{
    /// <summary>SQLite here; <see cref="PostgresDifficultyQueryTests"/> runs the same facts on PostgreSQL.</summary>
    protected virtual Task<PipelineHarness> StartHarnessAsync() => PipelineHarness.StartAsync();

    [Fact]
    public async Task Pass_rate_and_yield_are_counted_per_number_of_constraints_a_prompt_carries()
    {
        await using var harness = await StartHarnessAsync();
        var run = await harness.CreateRunAsync();
        var a = await harness.AddInstructionAsync(run, "Mention apple.", ItemStatus.Kept);
        var b = await harness.AddInstructionAsync(run, "Mention banana.", ItemStatus.Kept);
        var c = await harness.AddInstructionAsync(run, "Mention cherry.", ItemStatus.Kept);
        var single = await harness.AddPromptAsync(run, a, "q1\n\nMention apple.");
        var three = await harness.AddPromptAsync(run, a, "q2\n\nMention apple.\nMention banana.\nMention cherry.");
        await using (var db = harness.CreateContext())
        {
            db.PromptConstraints.AddRange(
                new PromptConstraint { RunId = run, PromptId = three, InstructionId = b, Position = 1 },
                new PromptConstraint { RunId = run, PromptId = three, InstructionId = c, Position = 2 });
            await db.SaveChangesAsync();
        }
        // k = 1: three verified, two pass verification, one of those is kept (the other fails the judge).
        await harness.AddResponseAsync(run, single, "apple", 0, accuracy: 1, status: ItemStatus.Kept);
        await DropAsync(harness, await harness.AddResponseAsync(run, single, "apple too", 1, accuracy: 1), PipelineStage.Judge);
        await DropAsync(harness, await harness.AddResponseAsync(run, single, "nothing", 2, accuracy: 0), PipelineStage.Verify);
        // k = 3: two verified, one passes and a reviewer rejects it; one not verified yet.
        await harness.AddResponseAsync(run, three, "apple banana cherry", 0, accuracy: 1, status: ItemStatus.Kept, review: ReviewState.Rejected);
        await DropAsync(harness, await harness.AddResponseAsync(run, three, "apple", 1, accuracy: 0), PipelineStage.Verify);
        await harness.AddResponseAsync(run, three, "later", 2);

        var rows = await new DifficultyQuery(harness.Database.Contexts).ByConstraintsAsync(run);

        Assert.Equal([new DifficultyRow(1, 1, 3, 3, 2, 1), new DifficultyRow(3, 1, 3, 2, 1, 0)], rows);
        Assert.Equal((2 / 3.0, 1 / 3.0), (rows[0].PassRate, rows[0].Yield));
        Assert.Equal((0.5, 0.0), (rows[1].PassRate, rows[1].Yield));
    }

    private static async Task DropAsync(PipelineHarness harness, long responseId, PipelineStage stage)
    {
        await using var db = harness.CreateContext();
        var response = db.Responses.Single(r => r.Id == responseId);
        response.Status = ItemStatus.Dropped;
        response.DropStage = stage;
        await db.SaveChangesAsync();
    }
}
