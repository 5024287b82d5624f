using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class CompileStageTests
{
    [Fact]
    public async Task Each_function_is_compiled_in_the_sandbox_and_a_broken_one_is_dropped_with_the_reason()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var ok = await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return len(response.split()) < 5\n", CompileStatus.Unchecked);
        var syntax = await harness.AddVerifierAsync(run, instruction, "def evaluate(response)\n    return True\n", CompileStatus.Unchecked);
        var missing = await harness.AddVerifierAsync(run, instruction, "def check(response):\n    return True\n", CompileStatus.Unchecked);
        var notCallable = await harness.AddVerifierAsync(run, instruction, "evaluate = 42\n", CompileStatus.Unchecked);

        await harness.RunStageAsync(PipelineStage.Compile, run);

        await using var db = harness.CreateContext();
        var verifiers = await db.Verifiers.OrderBy(v => v.Id).ToDictionaryAsync(v => v.Id);
        Assert.Equal((CompileStatus.Ok, ItemStatus.Pending, (string?)null), (verifiers[ok].CompileStatus, verifiers[ok].Status, verifiers[ok].DropReason));
        Assert.Equal((CompileStatus.SyntaxError, ItemStatus.Dropped, (PipelineStage?)PipelineStage.Compile), (verifiers[syntax].CompileStatus, verifiers[syntax].Status, verifiers[syntax].DropStage));
        Assert.StartsWith("syntax error: ", verifiers[syntax].DropReason, StringComparison.Ordinal);
        Assert.Equal((CompileStatus.MissingEvaluate, ItemStatus.Dropped), (verifiers[missing].CompileStatus, verifiers[missing].Status));
        Assert.StartsWith("no evaluate function: ", verifiers[missing].DropReason, StringComparison.Ordinal);
        Assert.Equal((CompileStatus.NotCallable, ItemStatus.Dropped), (verifiers[notCallable].CompileStatus, verifiers[notCallable].Status));
        Assert.StartsWith("evaluate is not callable: ", verifiers[notCallable].DropReason, StringComparison.Ordinal);
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Compile);
        Assert.Equal((true, "3 of 4 failed to compile"), (progress.Completed, progress.Message));
    }

    [Fact]
    public async Task Running_it_again_checks_nothing_twice()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response)\n    return True\n", CompileStatus.Unchecked);
        await harness.RunStageAsync(PipelineStage.Compile, run);

        await harness.RunStageAsync(PipelineStage.Compile, run);

        await using var db = harness.CreateContext();
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Compile);
        // The second pass compiled nothing, and its progress still covers the whole stage (decision 051).
        Assert.Equal((1, 1, "1 of 1 failed to compile"), (progress.Done, progress.Total, progress.Message));
        Assert.Equal(CompileStatus.SyntaxError, (await db.Verifiers.SingleAsync()).CompileStatus);
    }
}
