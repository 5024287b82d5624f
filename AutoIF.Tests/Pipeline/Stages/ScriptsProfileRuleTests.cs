using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

/// <summary>The scripts profile's rules at their edges, on data of our own (code/3_cross_validation.py, code/7_query_vertification.py).</summary>
public class ScriptsProfileRuleTests
{
    private const string Short = "def evaluate(response):\n    return len(response.split()) < 5";
    private const string ShortToo = "def evaluate(response):\n    return len(response.split()) <= 4";
    // Wrong on exactly two of the ten cases below (the four-word ones).
    private const string Shorter = "def evaluate(response):\n    return len(response.split()) < 4";

    private static readonly string[] ShortCases = ["a", "a b", "a b c", "a b c d", "x y z w", "one", "one two", "one two three"];
    private static readonly string[] LongCases = ["a b c d e f", "one two three four five", "a b c d e f g h"];

    [Theory]
    [InlineData("scripts", ItemStatus.Kept)]
    [InlineData("paper", ItemStatus.Dropped)]
    public async Task A_function_right_on_exactly_80_percent_is_kept_by_the_scripts_rule_and_dropped_by_a_strict_one(string profile, ItemStatus expected)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Profile", profile), ("CrossValidation:FunctionAccuracy", "0.8"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        await harness.AddVerifierAsync(run, instruction, Short);
        await harness.AddVerifierAsync(run, instruction, ShortToo);
        var shorter = await harness.AddVerifierAsync(run, instruction, Shorter);
        foreach (var text in ShortCases.Take(8))
        {
            await harness.AddCaseAsync(run, instruction, text, true, expectedJson: profile == "scripts" ? "true" : null);
        }
        foreach (var text in LongCases.Take(2))
        {
            await harness.AddCaseAsync(run, instruction, text, false, expectedJson: profile == "scripts" ? "false" : null);
        }

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var function = await db.Verifiers.SingleAsync(v => v.Id == shorter);
        Assert.Equal(0.8, function.CaseAccuracy!.Value, 9);
        Assert.Equal(expected, function.Status);
        Assert.Equal(ItemStatus.Pending, (await db.Instructions.SingleAsync()).Status);
    }

    [Theory]
    [InlineData(10, ItemStatus.Pending, null)]
    [InlineData(9, ItemStatus.Dropped, "only 9 distinct test cases (needs 10)")]
    public async Task The_scripts_need_ten_distinct_cases_before_validation(int count, ItemStatus expected, string? reason)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Profile", "scripts"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var first = await harness.AddVerifierAsync(run, instruction, Short);
        await harness.AddVerifierAsync(run, instruction, ShortToo);
        await harness.AddVerifierAsync(run, instruction, Shorter);
        foreach (var text in ShortCases.Concat(LongCases).Take(count))
        {
            await harness.AddCaseAsync(run, instruction, text, text.Split(' ').Length < 5, expectedJson: text.Split(' ').Length < 5 ? "true" : "false", verifierId: first);
        }
        // The same case again, written with another answer, is one case: it does not make up the count.
        await harness.AddCaseAsync(run, instruction, "a", true, expectedJson: "true", verifierId: first);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var stored = await db.Instructions.SingleAsync();
        Assert.Equal(expected, stored.Status);
        Assert.Equal(reason, stored.DropReason);
    }

    [Fact]
    public async Task A_string_output_matches_only_a_returned_string_and_a_returned_1_matches_true()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Profile", "scripts"), ("CrossValidation:MinCases", "3"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var returnsBool = await harness.AddVerifierAsync(run, instruction, Short);
        var returnsText = await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return str(len(response.split()) < 5)");
        var returnsInt = await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return int(len(response.split()) < 5)");
        var text = await harness.AddCaseAsync(run, instruction, "one two", true, expectedJson: "\"True\"");
        var boolean = await harness.AddCaseAsync(run, instruction, "one two three", true, expectedJson: "true");
        var lowercase = await harness.AddCaseAsync(run, instruction, "one", true, expectedJson: "\"true\"");

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var cases = await db.TestCases.ToDictionaryAsync(c => c.Id);
        // "True" is matched by the function returning the string only; true by the bool and by the 1; "true" by none.
        Assert.Equal((ItemStatus.Kept, 1.0 / 3), (cases[text].Status, cases[text].Agreement!.Value));
        Assert.Equal((ItemStatus.Kept, 2.0 / 3), (cases[boolean].Status, cases[boolean].Agreement!.Value));
        Assert.Equal((ItemStatus.Dropped, 0.0), (cases[lowercase].Status, cases[lowercase].Agreement!.Value));
        var accuracy = await db.Verifiers.ToDictionaryAsync(v => v.Id, v => v.CaseAccuracy!.Value);
        Assert.Equal(0.5, accuracy[returnsBool]);
        Assert.Equal(0.5, accuracy[returnsText]);
        Assert.Equal(0.5, accuracy[returnsInt]);
    }

    [Fact]
    public async Task Under_the_paper_profile_a_returned_string_is_not_a_verdict()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "1"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var returnsText = await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return 'True'");
        await harness.AddCaseAsync(run, instruction, "one two", true);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        Assert.Equal(VerdictKind.NotBool, (await db.CaseResults.SingleAsync(r => r.VerifierId == returnsText)).Verdict);
        Assert.Equal(ItemStatus.Dropped, (await db.Instructions.SingleAsync()).Status);
    }

    [Fact]
    public async Task Response_accuracy_under_the_scripts_is_the_mean_of_int_results_and_any_positive_mean_keeps_it()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Profile", "scripts"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return False", status: ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return '1' if 'one' in response else 'True'", status: ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return 2 if 'two' in response else None", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Say something in fewer than 5 words.");
        var both = await harness.AddResponseAsync(run, prompt, "one two", 0);
        var neither = await harness.AddResponseAsync(run, prompt, "zero", 1);
        var duplicate = await harness.AddResponseAsync(run, prompt, "one two", 2);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var responses = await db.Responses.ToDictionaryAsync(r => r.Id);
        // False 0, "1" 1, 2 2: mean 1. "True" and None are skipped: only False counts, 0.
        Assert.Equal((1.0, ItemStatus.Pending), (responses[both].Accuracy!.Value, responses[both].Status));
        Assert.Equal((0.0, ItemStatus.Dropped), (responses[neither].Accuracy!.Value, responses[neither].Status));
        Assert.Equal(ItemStatus.Dropped, responses[duplicate].Status);
        Assert.Equal(both, responses[duplicate].DuplicateOfId);
        Assert.Equal($"the same text as response {both} to this prompt (counted once)", responses[duplicate].DropReason);
    }
}
