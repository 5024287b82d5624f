using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Reports;

public class CalibrationQueryTests
{
    /// <summary>SQLite here; <see cref="PostgresCalibrationQueryTests"/> runs the same facts on PostgreSQL.</summary>
    protected virtual Task<PipelineHarness> StartHarnessAsync() => PipelineHarness.StartAsync();

    [Fact]
    public async Task Each_kind_s_verdicts_on_reviewed_responses_are_compared_with_the_human_decision()
    {
        await using var harness = await StartHarnessAsync();
        var run = await harness.CreateRunAsync();
        var apple = await harness.AddInstructionAsync(run, "Mention apple.", ItemStatus.Kept);
        var lenient = await harness.AddVerifierAsync(run, apple, "def evaluate(response):\n    return True\n", status: ItemStatus.Kept);
        var strict = await harness.AddVerifierAsync(run, apple, "def evaluate(response):\n    return 'apple' in response\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, apple, "q\n\nMention apple.");
        var approved = await harness.AddResponseAsync(run, prompt, "an apple", 0, accuracy: 1, review: ReviewState.Approved);
        var rejected = await harness.AddResponseAsync(run, prompt, "a pear", 1, accuracy: 0.5, review: ReviewState.Rejected);
        var unreviewed = await harness.AddResponseAsync(run, prompt, "a plum", 2, accuracy: 0.5);
        await using (var db = harness.CreateContext())
        {
            db.Verdicts.AddRange(
                new Verdict { ResponseId = approved, VerifierId = lenient, Kind = VerdictKind.True },
                new Verdict { ResponseId = approved, VerifierId = strict, Kind = VerdictKind.True },
                new Verdict { ResponseId = rejected, VerifierId = lenient, Kind = VerdictKind.True },
                new Verdict { ResponseId = rejected, VerifierId = strict, Kind = VerdictKind.Error, Detail = "boom" },
                // Not reviewed: counts nowhere.
                new Verdict { ResponseId = unreviewed, VerifierId = lenient, Kind = VerdictKind.False });
            await db.SaveChangesAsync();
        }

        var calibration = Assert.Single(await new CalibrationQuery(harness.Database.Contexts).ByKindAsync(run));

        Assert.Equal(new VerifierCalibration(VerifierKind.Python, Responses: 2, Agreed: 2, Disagreed: 1, Uncounted: 1), calibration);
        Assert.Equal(("code", 2 / 3.0, 4L), (calibration.KindName, calibration.AgreementRate, calibration.Verdicts));
    }

    [Fact]
    public async Task A_rejected_response_with_several_constraints_is_left_out_and_an_old_version_s_verdicts_too()
    {
        await using var harness = await StartHarnessAsync();
        var run = await harness.CreateRunAsync();
        var apple = await harness.AddInstructionAsync(run, "Mention apple.", ItemStatus.Kept);
        var banana = await harness.AddInstructionAsync(run, "Mention banana.", ItemStatus.Kept);
        var old = await harness.AddVerifierAsync(run, apple, "def evaluate(response):\n    return True\n", status: ItemStatus.Kept);
        int current;
        var prompt = await harness.AddPromptAsync(run, apple, "q\n\nMention apple.\nMention banana.");
        await using (var db = harness.CreateContext())
        {
            var next = new Verifier { RunId = run, InstructionId = apple, Source = "def evaluate(response):\n    return 'apple' in response\n", SourceHash = "v2", Version = 2, PreviousVersionId = old, CompileStatus = CompileStatus.Ok, Status = ItemStatus.Kept };
            db.Verifiers.Add(next);
            db.PromptConstraints.Add(new PromptConstraint { RunId = run, PromptId = prompt, InstructionId = banana, Position = 1 });
            await db.SaveChangesAsync();
            current = next.Id;
        }
        var approved = await harness.AddResponseAsync(run, prompt, "an apple and a banana", 0, accuracy: 1, review: ReviewState.Approved);
        var rejected = await harness.AddResponseAsync(run, prompt, "an apple", 1, accuracy: 0, review: ReviewState.Rejected);
        await using (var db = harness.CreateContext())
        {
            db.Verdicts.AddRange(
                new Verdict { ResponseId = approved, VerifierId = old, Kind = VerdictKind.False },
                new Verdict { ResponseId = approved, VerifierId = current, Kind = VerdictKind.True },
                // The apple constraint holds; the reviewer rejected the response for the banana one.
                new Verdict { ResponseId = rejected, VerifierId = current, Kind = VerdictKind.True });
            await db.SaveChangesAsync();
        }

        var calibration = Assert.Single(await new CalibrationQuery(harness.Database.Contexts).ByKindAsync(run));

        Assert.Equal(new VerifierCalibration(VerifierKind.Python, Responses: 1, Agreed: 1, Disagreed: 0, Uncounted: 0), calibration);
    }
}
