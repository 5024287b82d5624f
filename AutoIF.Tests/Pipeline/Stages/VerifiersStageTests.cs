using AutoIF.Core.Domain;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class VerifiersStageTests
{
    private const string Under5 = "def evaluate(response):\n    return len(response.split()) < 5\n";

    [Fact]
    public async Task Asks_K_times_per_instruction_stores_an_identical_function_once_and_drops_an_instruction_without_a_usable_answer()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Verifiers:Samples", "3"));
        var words = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var tone = await harness.AddInstructionAsync(run, "Write in a formal tone.");
        harness.Server.Script("Instruction: Answer in fewer than 5 words", FakeReply.Answer(VerifierAnswers.Json(Under5, ("one two", true), ("one two three four five six", false), ("ok", true))));
        harness.Server.Script("Instruction: Write in a formal tone", FakeReply.Answer("Sorry, tone cannot be checked by code."));

        await harness.RunStageAsync(PipelineStage.Verifiers, run);

        Assert.Equal(6, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        var verifier = await db.Verifiers.SingleAsync();
        Assert.Equal((words, Under5, 0, CompileStatus.Unchecked, ItemStatus.Pending), (verifier.InstructionId, verifier.Source, verifier.SampleIndex, verifier.CompileStatus, verifier.Status));
        Assert.NotNull(verifier.LlmCallId);
        Assert.Equal(
            [("one two", true), ("one two three four five six", false), ("ok", true)],
            await db.TestCases.OrderBy(c => c.Id).Select(c => ValueTuple.Create(c.Input, c.Expected)).ToListAsync());
        var dropped = await db.Instructions.SingleAsync(i => i.Id == tone);
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.Verifiers, "no usable verifier in 3 answers (No JSON object found.)"), (dropped.Status, dropped.DropStage, dropped.DropReason));
        Assert.Equal(ItemStatus.Pending, (await db.Instructions.SingleAsync(i => i.Id == words)).Status);
    }

    [Fact]
    public async Task Distinct_functions_are_each_stored_with_their_sample_and_a_case_two_answers_share_is_stored_once()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Verifiers:Samples", "3"));
        await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        harness.Server.Enqueue(
            FakeReply.Answer(VerifierAnswers.Json(Under5, ("one two", true))),
            FakeReply.Answer(VerifierAnswers.Json("def evaluate(response):\n    return len(response.split()) <= 4\n", ("one two", true), ("a b c d e f", false))),
            FakeReply.Answer(VerifierAnswers.Json("def evaluate(response):\n    return response.count(' ') < 4\n", ("ok", true))));

        await harness.RunStageAsync(PipelineStage.Verifiers, run);

        await using var db = harness.CreateContext();
        Assert.Equal([0, 1, 2], await db.Verifiers.OrderBy(v => v.SampleIndex).Select(v => v.SampleIndex).ToListAsync());
        Assert.Equal(3, await db.Verifiers.Select(v => v.SourceHash).Distinct().CountAsync());
        Assert.Equal(["a b c d e f", "ok", "one two"], await db.TestCases.OrderBy(c => c.Input).Select(c => c.Input).ToListAsync());
    }

    [Fact]
    public async Task An_instruction_that_has_its_verifiers_is_not_asked_again()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Verifiers:Samples", "2"));
        await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        harness.Server.Script("Instruction:", FakeReply.Answer(VerifierAnswers.Json(Under5, ("one two", true))));
        await harness.RunStageAsync(PipelineStage.Verifiers, run);
        harness.Server.ClearScripts();
        harness.Server.DefaultReply = FakeReply.Answer(VerifierAnswers.Json("def evaluate(response):\n    return True\n", ("x", true)));

        await harness.RunStageAsync(PipelineStage.Verifiers, run);

        Assert.Equal(2, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        Assert.Equal(Under5, (await db.Verifiers.SingleAsync()).Source);
    }
}
