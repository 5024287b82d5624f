using AutoIF.Core.Domain;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Reports;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Verifiers;

/// <summary>The self-test as cross-validation runs it: each function on the fixed probe texts and the kept cases expecting False.</summary>
public class VerifierSelfTesterTests
{
    private const string FewerThan40Words = "def evaluate(response):\n    return len(response.split()) < 40\n";
    private const string NoDigits = "def evaluate(response):\n    return not any(c.isdigit() for c in response)\n";
    private const string AlwaysTrue = "def evaluate(response):\n    return len(response) >= 0\n";

    [Theory]
    [InlineData(true, ItemStatus.Dropped)]
    [InlineData(false, ItemStatus.Kept)]
    public async Task Real_constraints_reject_a_probe_and_a_check_that_accepts_everything_is_vacuous_and_dropped_only_with_DropVacuous(bool dropVacuous, ItemStatus vacuousStatus)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "3"), ("CrossValidation:FunctionAccuracy", "0.4"), ("CrossValidation:DropVacuous", dropVacuous ? "true" : "false"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 40 words and use no digits.");
        var words = await harness.AddVerifierAsync(run, instruction, FewerThan40Words);
        var digits = await harness.AddVerifierAsync(run, instruction, NoDigits);
        var always = await harness.AddVerifierAsync(run, instruction, AlwaysTrue);
        await harness.AddCaseAsync(run, instruction, "A short answer without numbers.", true);
        // Too long and full of digits: the two real checks reject it, so it is kept as a case expecting False.
        await harness.AddCaseAsync(run, instruction, string.Join(' ', Enumerable.Range(1, 50)), false);

        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        await using var db = harness.CreateContext();
        var tested = await db.Verifiers.Where(v => v.RunId == run).ToDictionaryAsync(v => v.Id);
        Assert.Equal(VerifierSelfTest.Ok, tested[words].SelfTest);
        Assert.Contains("a very long text", tested[words].SelfTestEvidence, StringComparison.Ordinal);
        Assert.Equal(VerifierSelfTest.Ok, tested[digits].SelfTest);
        Assert.Contains("digits only", tested[digits].SelfTestEvidence, StringComparison.Ordinal);
        Assert.Equal((VerifierSelfTest.Vacuous, vacuousStatus), (tested[always].SelfTest, tested[always].Status));
        Assert.Equal(dropVacuous ? "vacuous: accepts all 10 probe texts and all 1 kept cases expecting False" : null, tested[always].DropReason);
        Assert.Equal(ItemStatus.Pending, (await db.Instructions.SingleAsync(i => i.Id == instruction)).Status);
        // Failing verifiers lists it with what it accepted, and not among those that disagreed with cases.
        var listed = await new FailingVerifierQuery(harness.Get<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>()).ExecuteAsync(FailureKind.Vacuous, run, 0, 50);
        var row = Assert.Single(listed.Rows);
        Assert.Equal(always, row.VerifierId);
        Assert.StartsWith("accepted all 10 probe texts (empty text, whitespace only, one word", row.Reason, StringComparison.Ordinal);
        Assert.Equal(0, listed.CountsByKind[FailureKind.DisagreedWithCases]);
    }

    [Fact]
    public void The_paper_profile_drops_vacuous_functions_and_the_scripts_profile_does_not()
    {
        Assert.True(RunProfiles.Defaults(MethodProfile.Paper).CrossValidation.DropVacuous);
        Assert.False(RunProfiles.Defaults(MethodProfile.Scripts).CrossValidation.DropVacuous);
    }
}
