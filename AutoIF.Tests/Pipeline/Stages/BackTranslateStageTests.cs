using AutoIF.Core.Domain;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class BackTranslateStageTests
{
    [Fact]
    public async Task Back_translates_the_most_accurate_kept_functions_up_to_the_setting_and_skips_unreadable_answers()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("BackTranslation:Functions", "2"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return len(r.split()) < 10\n", status: ItemStatus.Kept, caseAccuracy: 0.6);
        var best = await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return len(r.split()) < 5\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        var second = await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return len(r.split()) <= 4\n", status: ItemStatus.Kept, caseAccuracy: 0.9);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(r):\n    return True\n", status: ItemStatus.Dropped, caseAccuracy: 0.5);
        var unreadable = await harness.AddInstructionAsync(run, "End with a question.");
        await harness.AddVerifierAsync(run, unreadable, "def evaluate(r):\n    return r.endswith('?')\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        harness.Server.Script(@"< 5|<= 4", FakeReply.Answer("Instruction: Answer in fewer than five words."));
        harness.Server.Script(@"endswith", FakeReply.Answer("I am not sure what this does.\nIt looks at the response.\nHard to say."));

        await harness.RunStageAsync(PipelineStage.BackTranslate, run);

        Assert.Equal(3, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        var rows = await db.BackTranslations.OrderBy(b => b.VerifierId).Select(b => new { b.VerifierId, b.InstructionId, b.Text, b.Label }).ToListAsync();
        Assert.Equal(
            [(best, instruction, "Answer in fewer than five words.", NliLabel.Unknown), (second, instruction, "Answer in fewer than five words.", NliLabel.Unknown)],
            rows.Select(r => (r.VerifierId!.Value, r.InstructionId, r.Text, r.Label)));
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.BackTranslate);
        Assert.Equal("1 answers without an instruction", progress.Message);
    }
}
