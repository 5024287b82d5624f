using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class BackTranslateStageTests
{
    [Fact]
    public async Task Back_translates_the_most_accurate_kept_functions_up_to_the_setting_and_drops_an_instruction_with_no_readable_answer()
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
        var partly = await harness.AddInstructionAsync(run, "Use no commas.");
        var readable = await harness.AddVerifierAsync(run, partly, "def evaluate(r):\n    return ',' not in r\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        await harness.AddVerifierAsync(run, partly, "def evaluate(r):\n    return len(r.split(',')) == 1\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        harness.Server.Script(@"< 5|<= 4", FakeReply.Answer("Instruction: Answer in fewer than five words."));
        harness.Server.Script(@"endswith|split\(','\)", FakeReply.Answer("I am not sure what this does.\nIt looks at the response.\nHard to say."));
        harness.Server.DefaultReply = FakeReply.Answer("Instruction: Do not use commas.");

        await harness.RunStageAsync(PipelineStage.BackTranslate, run);

        Assert.Equal(5, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        var rows = await db.BackTranslations.OrderBy(b => b.VerifierId).Select(b => new { b.VerifierId, b.InstructionId, b.Text, b.Label }).ToListAsync();
        Assert.Equal(
            [(best, instruction, "Answer in fewer than five words.", NliLabel.Unknown), (second, instruction, "Answer in fewer than five words.", NliLabel.Unknown),
             (readable, partly, "Do not use commas.", NliLabel.Unknown)],
            rows.Select(r => (r.VerifierId!.Value, r.InstructionId, r.Text, r.Label)));
        var instructions = await db.Instructions.ToDictionaryAsync(i => i.Id);
        // One readable answer is enough for the consistency check; none is not.
        Assert.Equal((ItemStatus.Pending, ItemStatus.Pending), (instructions[instruction].Status, instructions[partly].Status));
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.BackTranslate, ConsistencyDropReasons.NoReadableBackTranslation),
            (instructions[unreadable].Status, instructions[unreadable].DropStage, instructions[unreadable].DropReason));
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.BackTranslate);
        Assert.Equal("2 answers without an instruction, 1 instructions dropped with none readable", progress.Message);
    }

    [Fact]
    public async Task An_instruction_whose_answers_are_all_unreadable_is_dropped_and_counted_while_a_failed_call_waits_and_a_resume_asks_only_for_it()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("BackTranslation:Functions", "2"));
        var unreadable = await harness.AddInstructionAsync(run, "End with a question.");
        await harness.AddVerifierAsync(run, unreadable, "def evaluate(r):\n    return r.endswith('?')\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        await harness.AddVerifierAsync(run, unreadable, "def evaluate(r):\n    return r.strip()[-1:] == '?'\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        var readable = await harness.AddInstructionAsync(run, "Use no commas.");
        await harness.AddVerifierAsync(run, readable, "def evaluate(r):\n    return ',' not in r\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        var waiting = await harness.AddInstructionAsync(run, "Answer in capitals.");
        await harness.AddVerifierAsync(run, waiting, "def evaluate(r):\n    return r.isupper()\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        harness.Server.Script(@"endswith|\[-1:\]", FakeReply.Answer("This code does several things.\nIt is hard to say which.\nPerhaps it checks the ending."));
        harness.Server.Script(@"isupper", FakeReply.Error(503, "overloaded"));
        harness.Server.DefaultReply = FakeReply.Answer("Instruction: Do not use commas.");

        await Assert.ThrowsAsync<LlmCallsFailedException>(() => harness.RunStageAsync(PipelineStage.BackTranslate, run));

        await using (var db = harness.CreateContext())
        {
            var instructions = await db.Instructions.ToDictionaryAsync(i => i.Id);
            Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.BackTranslate, ConsistencyDropReasons.NoReadableBackTranslation),
                (instructions[unreadable].Status, instructions[unreadable].DropStage, instructions[unreadable].DropReason));
            // A call that never answered is not an unreadable answer: its instruction stays for the resume.
            Assert.Equal((ItemStatus.Pending, (string?)null), (instructions[waiting].Status, instructions[waiting].DropReason));
            Assert.Equal(ItemStatus.Pending, instructions[readable].Status);
        }
        var consistent = (await harness.Get<RunFunnelQuery>().ExecuteAsync(run)).Single(s => s.Name == "consistent");
        Assert.Equal(2, consistent.Count);
        Assert.Equal((ConsistencyDropReasons.NoReadableBackTranslation, 1L), (Assert.Single(consistent.Dropped).Reason, Assert.Single(consistent.Dropped).Count));

        // With the stored answers gone, anything the resume revisited would reach the model again.
        await using (var db = harness.CreateContext())
        {
            await db.LlmCalls.ExecuteDeleteAsync();
        }
        var before = harness.Server.ChatRequestCount;
        harness.Server.ClearScripts();
        harness.Server.DefaultReply = FakeReply.Answer("Instruction: Answer in capital letters only.");

        await harness.RunStageAsync(PipelineStage.BackTranslate, run);

        Assert.Equal(1, harness.Server.ChatRequestCount - before);
        Assert.Contains("isupper", harness.Server.Requests[^1].LastUserMessage, StringComparison.Ordinal);
        await using var after = harness.CreateContext();
        Assert.Equal(["Do not use commas.", "Answer in capital letters only."], await after.BackTranslations.OrderBy(b => b.Id).Select(b => b.Text).ToListAsync());
        Assert.Equal(ItemStatus.Dropped, (await after.Instructions.SingleAsync(i => i.Id == unreadable)).Status);
    }

    [Fact]
    public async Task Under_the_scripts_one_prompt_per_instruction_answers_a_json_list_and_an_unreadable_list_drops_the_instruction()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Profile", "scripts"), ("BackTranslation:Functions", "2"));
        var words = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var first = await harness.AddVerifierAsync(run, words, "def evaluate(r):\n    return len(r.split()) < 5\n", status: ItemStatus.Kept, caseAccuracy: 0.8);
        var second = await harness.AddVerifierAsync(run, words, "def evaluate(r):\n    return len(r.split()) <= 4\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        await harness.AddVerifierAsync(run, words, "def evaluate(r):\n    return len(r.split()) < 6\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        var question = await harness.AddInstructionAsync(run, "End with a question.");
        await harness.AddVerifierAsync(run, question, "def evaluate(r):\n    return r.endswith('?')\n", status: ItemStatus.Kept, caseAccuracy: 1.0);
        harness.Server.Script(@"< 5", FakeReply.Answer("[\"Answer in fewer than five words.\", \"Use at most four words.\"]"));
        harness.Server.Script(@"endswith", FakeReply.Answer("Instruction: End with a question."));

        await harness.RunStageAsync(PipelineStage.BackTranslate, run);

        Assert.Equal(2, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        // The first two functions (as cross-validation listed them), paired in order with the list's texts.
        Assert.Equal([(first, "Answer in fewer than five words."), (second, "Use at most four words.")],
            (await db.BackTranslations.OrderBy(b => b.Id).ToListAsync()).Select(b => (b.VerifierId!.Value, b.Text)));
        var dropped = await db.Instructions.SingleAsync(i => i.Id == question);
        Assert.Equal((ItemStatus.Dropped, ConsistencyDropReasons.NoReadableBackTranslation), (dropped.Status, dropped.DropReason));
    }
}
