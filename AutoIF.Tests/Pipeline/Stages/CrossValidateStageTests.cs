using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class CrossValidateStageTests
{
    // Four functions for "Answer in fewer than 5 words": two exact, one lenient (< 10 words), one that accepts everything.
    private const string Exact = "def evaluate(response):\n    return len(response.split()) < 5\n";
    private const string ExactToo = "def evaluate(response: str) -> bool:\n    words = response.split()\n    return len(words) <= 4\n";
    private const string Lenient = "def evaluate(response):\n    return len(response.split()) < 10\n";
    private const string AcceptsAll = "def evaluate(response):\n    return True\n";
    private const string Raises = "def evaluate(response):\n    raise ValueError('no idea')\n";

    private const string TwoWords = "one two";
    private const string SixWords = "one two three four five six";
    private const string TwelveWords = "a b c d e f g h i j k l";

    [Fact]
    public async Task A_case_is_kept_only_when_more_than_half_of_the_functions_agree_and_a_function_exactly_at_the_threshold_is_dropped()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "4"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var exact = await harness.AddVerifierAsync(run, instruction, Exact);
        var exactToo = await harness.AddVerifierAsync(run, instruction, ExactToo);
        var lenient = await harness.AddVerifierAsync(run, instruction, Lenient);
        var acceptsAll = await harness.AddVerifierAsync(run, instruction, AcceptsAll);
        var allAgree = await harness.AddCaseAsync(run, instruction, TwoWords, true);
        var half = await harness.AddCaseAsync(run, instruction, SixWords, false);
        var threeOfFour = await harness.AddCaseAsync(run, instruction, TwelveWords, false);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var cases = await db.TestCases.OrderBy(c => c.Id).Select(c => new { c.Id, c.Status, c.Agreement, c.DropReason }).ToListAsync();
        Assert.Equal(
            [(allAgree, ItemStatus.Kept, 1.0, null), (half, ItemStatus.Dropped, 0.5, "only 2 of 4 functions return False (needs more than 50%)"), (threeOfFour, ItemStatus.Kept, 0.75, null)],
            cases.Select(c => (c.Id, c.Status, c.Agreement!.Value, c.DropReason)));
        var functions = await db.Verifiers.OrderBy(v => v.Id).Select(v => new { v.Id, v.Status, v.CaseAccuracy, v.DropStage, v.DropReason }).ToListAsync();
        Assert.Equal(
            [(exact, ItemStatus.Kept, 1.0, (PipelineStage?)null, (string?)null), (exactToo, ItemStatus.Kept, 1.0, null, null), (lenient, ItemStatus.Kept, 1.0, null, null),
             (acceptsAll, ItemStatus.Dropped, 0.5, PipelineStage.CrossValidate, "right on 1 of 2 kept cases (50%, needs more than 50%)")],
            functions.Select(f => (f.Id, f.Status, f.CaseAccuracy!.Value, f.DropStage, f.DropReason)));
        Assert.Equal(ItemStatus.Pending, (await db.Instructions.SingleAsync()).Status);
        Assert.Equal(12, await db.CaseResults.CountAsync());
        Assert.Equal(VerdictKind.True, (await db.CaseResults.SingleAsync(r => r.VerifierId == lenient && r.TestCaseId == half)).Verdict);
    }

    [Fact]
    public async Task A_stricter_case_agreement_drops_a_three_of_four_case()
    {
        await using var harness = await PipelineHarness.StartAsync();
        // Without DropVacuous: the self-test would drop `return True`, which this test keeps to count its agreement.
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "4"), ("CrossValidation:CaseAgreement", "0.75"), ("CrossValidation:DropVacuous", "false"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        foreach (var source in new[] { Exact, ExactToo, Lenient, AcceptsAll })
        {
            await harness.AddVerifierAsync(run, instruction, source);
        }
        await harness.AddCaseAsync(run, instruction, TwoWords, true);
        await harness.AddCaseAsync(run, instruction, TwelveWords, false);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var cases = await db.TestCases.OrderBy(c => c.Id).Select(c => new { c.Status, c.DropReason }).ToListAsync();
        Assert.Equal([(ItemStatus.Kept, null), (ItemStatus.Dropped, "only 3 of 4 functions return False (needs more than 75%)")], cases.Select(c => (c.Status, c.DropReason)));
        // On the one kept case every function is right, so all four stay.
        Assert.All(await db.Verifiers.ToListAsync(), v => Assert.Equal(ItemStatus.Kept, v.Status));
    }

    [Theory]
    [InlineData("0.5", ItemStatus.Kept, null)]
    [InlineData("0.8", ItemStatus.Dropped, "right on 2 of 3 kept cases (67%, needs more than 80%)")]
    public async Task The_function_threshold_is_a_run_setting_with_the_paper_and_the_scripts_values(string threshold, ItemStatus expected, string? reason)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:FunctionAccuracy", threshold));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, Exact);
        await harness.AddVerifierAsync(run, instruction, ExactToo);
        await harness.AddVerifierAsync(run, instruction, Lenient);
        var byCharacters = await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return len(response) < 20\n");
        await harness.AddCaseAsync(run, instruction, TwoWords, true);
        await harness.AddCaseAsync(run, instruction, "a b c d e f g h i j", false); // 10 words in 19 characters: only the character count is wrong
        await harness.AddCaseAsync(run, instruction, "ok", true);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var function = await db.Verifiers.SingleAsync(v => v.Id == byCharacters);
        Assert.Equal((expected, reason), (function.Status, function.DropReason));
        Assert.Equal(2.0 / 3, function.CaseAccuracy!.Value, 6);
    }

    [Theory]
    [InlineData(2, ItemStatus.Dropped)]
    [InlineData(3, ItemStatus.Pending)]
    public async Task An_instruction_needs_MinFunctions_compiled_distinct_functions_and_a_failed_compile_does_not_count(int compiled, ItemStatus expected)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "3"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        foreach (var source in new[] { Exact, ExactToo, Lenient }.Take(compiled))
        {
            await harness.AddVerifierAsync(run, instruction, source);
        }
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response)\n    return True\n", CompileStatus.SyntaxError, ItemStatus.Dropped);
        await harness.AddCaseAsync(run, instruction, TwoWords, true);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var stored = await db.Instructions.SingleAsync();
        Assert.Equal(expected, stored.Status);
        if (expected == ItemStatus.Dropped)
        {
            Assert.Equal((PipelineStage?)PipelineStage.CrossValidate, stored.DropStage);
            Assert.Equal("only 2 compiled distinct functions (needs 3)", stored.DropReason);
            Assert.Equal(0, await db.CaseResults.CountAsync());
        }
        else
        {
            Assert.Equal(3, await db.CaseResults.CountAsync());
        }
    }

    [Theory]
    [InlineData(2, ItemStatus.Dropped)]
    [InlineData(3, ItemStatus.Pending)]
    public async Task An_instruction_needs_MinCases_distinct_test_cases(int cases, ItemStatus expected)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "1"), ("CrossValidation:MinCases", "3"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, Exact);
        foreach (var (input, output) in new[] { (TwoWords, true), (SixWords, false), ("ok", true) }.Take(cases))
        {
            await harness.AddCaseAsync(run, instruction, input, output);
        }

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var stored = await db.Instructions.SingleAsync();
        Assert.Equal((expected, expected == ItemStatus.Dropped ? "only 2 distinct test cases (needs 3)" : null), (stored.Status, stored.DropReason));
    }

    [Fact]
    public async Task Functions_that_raise_disagree_with_every_case_and_an_instruction_without_a_kept_case_is_dropped()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "3"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, Raises);
        await harness.AddVerifierAsync(run, instruction, Raises.Replace("no idea", "still no idea", StringComparison.Ordinal));
        await harness.AddVerifierAsync(run, instruction, Exact);
        await harness.AddCaseAsync(run, instruction, TwoWords, true);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var stored = await db.Instructions.SingleAsync();
        Assert.Equal((ItemStatus.Dropped, "no test case has more than 50% of the functions agreeing with it"), (stored.Status, stored.DropReason));
        Assert.Equal("only 1 of 3 functions return True (needs more than 50%)", (await db.TestCases.SingleAsync()).DropReason);
        var errors = await db.CaseResults.Where(r => r.Verdict == VerdictKind.Error).Select(r => r.Detail).ToListAsync();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, d => Assert.Contains("no idea", d, StringComparison.Ordinal));
        Assert.All(await db.Verifiers.ToListAsync(), v => Assert.Equal((ItemStatus.Dropped, "no test case was kept for this instruction"), (v.Status, v.DropReason)));
    }

    [Fact]
    public async Task Running_the_stage_again_after_it_decided_adds_no_matrix_cells_and_changes_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "2"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, Exact);
        await harness.AddVerifierAsync(run, instruction, Lenient);
        await harness.AddCaseAsync(run, instruction, TwoWords, true);
        await harness.AddCaseAsync(run, instruction, SixWords, false);
        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        Assert.Equal(4, await db.CaseResults.CountAsync());
        Assert.Equal([ItemStatus.Kept, ItemStatus.Dropped], await db.TestCases.OrderBy(c => c.Id).Select(c => c.Status).ToListAsync());
    }
}
