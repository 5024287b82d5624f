using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Reports;

public class RunFunnelQueryTests
{
    [Fact]
    public async Task The_funnel_counts_each_step_exactly_and_a_human_decision_overrides_the_filter()
    {
        await using var database = await TestDatabase.CreateAsync();
        var run = await database.Get<RunService>().CreateAsync("funnel", new RunSettings());
        await using (var db = database.CreateContext())
        {
            Instruction Add(string text, ItemStatus status, PipelineStage? stage = null, string? reason = null, ReviewState review = ReviewState.None) =>
                db.Instructions.Add(new Instruction
                {
                    RunId = run.Id, Text = text, TextHash = TextHash.Normalized(text), Origin = InstructionOrigin.Augmented,
                    Status = status, DropStage = stage, DropReason = reason, ReviewState = review,
                }).Entity;
            var kept = Add("Kept.", ItemStatus.Kept);
            Add("Dropped at compile.", ItemStatus.Dropped, PipelineStage.Compile, "no function compiled");
            Add("Dropped at cross-validation.", ItemStatus.Dropped, PipelineStage.CrossValidate, "only 1 of 3 functions agree");
            Add("Also dropped at cross-validation.", ItemStatus.Dropped, PipelineStage.CrossValidate, "only 2 of 3 functions agree");
            Add("Dropped, then approved by a reviewer.", ItemStatus.Dropped, PipelineStage.Consistency, "contradiction", ReviewState.Approved);
            Add("Kept, then rejected by a reviewer.", ItemStatus.Kept, review: ReviewState.Rejected);
            await db.SaveChangesAsync();
            var prompt = db.ComposedPrompts.Add(new ComposedPrompt { RunId = run.Id, InstructionId = kept.Id, Text = "Query. Kept." }).Entity;
            await db.SaveChangesAsync();
            Response Answer(int sample, ItemStatus status, PipelineStage? stage = null, string? reason = null, ReviewState review = ReviewState.None) =>
                db.Responses.Add(new Response
                {
                    RunId = run.Id, PromptId = prompt.Id, InstructionId = kept.Id, Text = $"answer {sample}", TextHash = $"a{sample}",
                    SampleIndex = sample, Status = status, DropStage = stage, DropReason = reason, ReviewState = review,
                }).Entity;
            Answer(0, ItemStatus.Kept);
            Answer(1, ItemStatus.Dropped, PipelineStage.Verify, "accuracy 0 (0 of 3 verifiers pass), needs more than 0.5");
            Answer(2, ItemStatus.Dropped, PipelineStage.Verify, "accuracy 0 (0 of 2 verifiers pass), needs more than 0.5", ReviewState.Approved);
            Answer(3, ItemStatus.Dropped, PipelineStage.Judge, "judge score 3, needs at least 8");
            Answer(4, ItemStatus.Kept, review: ReviewState.Rejected);
            await db.SaveChangesAsync();
        }

        var funnel = (await database.Get<RunFunnelQuery>().ExecuteAsync(run.Id)).ToDictionary(s => s.Name);

        Assert.Equal(
            [("generated", 6L), ("compiled", 5L), ("cross-validated", 3L), ("consistent", 2L), ("composed", 1L), ("sampled", 5L), ("verified", 4L), ("judged", 2L), ("exported", 0L)],
            funnel.Values.Select(s => (s.Name, s.Count)));
        var crossValidation = Assert.Single(funnel["cross-validated"].Dropped);
        Assert.Equal(2, crossValidation.Count);
        Assert.Equal(("rejected by a reviewer", 1L), (Assert.Single(funnel["consistent"].Dropped).Example, Assert.Single(funnel["consistent"].Dropped).Count));
        Assert.Equal(1, Assert.Single(funnel["verified"].Dropped).Count);
        Assert.Equal(["judge score 3, needs at least 8", "rejected by a reviewer"], funnel["judged"].Dropped.Select(d => d.Example).Order(StringComparer.Ordinal));
    }
}
