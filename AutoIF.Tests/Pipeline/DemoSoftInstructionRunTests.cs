using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// The offline demo model with question verifiers (decision 040): a fresh clone run with Verifiers:Kinds=code,question
/// keeps "Use a metaphor in every sentence." — which the demo writes no function for — by its question alone.
/// </summary>
public class DemoSoftInstructionRunTests
{
    private const string Metaphor = "Use a metaphor in every sentence.";

    [Fact]
    public async Task A_demo_run_with_questions_keeps_a_soft_instruction_by_its_question_alone_and_decides_its_responses_by_it()
    {
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?>(DemoRunGolden.SandboxSettings));
        var settings = RunSettingsEditor.Apply(new RunSettings(),
        [
            new("Seeds:Max", "8"), new("Augment:Rounds", "2"), new("Verifiers:Samples", "3"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "3"),
            new("Verifiers:Kinds", "code,question"),
        ]);
        var runs = database.Get<RunService>();
        var run = await runs.CreateAsync("soft", settings);
        await runs.MarkQueuedAsync(run.Id);

        Assert.Equal(RunStatus.Completed, await database.Get<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None));

        await using var db = database.CreateContext();
        var soft = await db.Instructions.SingleAsync(i => i.RunId == run.Id && i.Text == Metaphor);
        Assert.Equal(ItemStatus.Kept, soft.Status);
        var verifiers = await db.Verifiers.Where(v => v.InstructionId == soft.Id).ToListAsync();
        Assert.DoesNotContain(verifiers, v => v.Kind == VerifierKind.Python && v.Status == ItemStatus.Kept);
        var question = Assert.Single(verifiers, v => v.Kind == VerifierKind.LlmQuestion);
        Assert.Equal(("Does every sentence of the response use a metaphor?", ItemStatus.Kept, 1.0), (question.Source, question.Status, question.CaseAccuracy));
        // Its responses are decided by the question's verdicts alone: each verified one has exactly one verdict, the question's.
        var responses = await db.Responses.Where(r => r.RunId == run.Id && r.InstructionId == soft.Id && r.Accuracy != null).Select(r => r.Id).ToListAsync();
        Assert.NotEmpty(responses);
        var verdicts = await db.Verdicts.Where(v => responses.Contains(v.ResponseId)).Select(v => v.VerifierId).ToListAsync();
        Assert.All(verdicts, id => Assert.Equal(question.Id, id));
        Assert.True(await db.Responses.AnyAsync(r => r.InstructionId == soft.Id && r.Status != ItemStatus.Dropped));
    }
}
