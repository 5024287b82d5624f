using AutoIF.Core.Domain;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

public class ResponseVerifierTests
{
    private const string HasX = "def evaluate(response):\n    return 'x' in response\n";
    private const string HasY = "def evaluate(response):\n    return 'y' in response\n";
    private const string AlwaysRaises = "def evaluate(response):\n    raise RuntimeError('broken verifier')\n";
    private const string NeverReturns = "def evaluate(response):\n    while True:\n        pass\n";
    private const string SaysYes = "def evaluate(response):\n    return 'yes'\n";

    [Fact]
    public async Task Accuracy_leaves_errors_out_of_the_denominator_and_a_response_needs_more_than_the_minimum()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x and y.", ItemStatus.Kept);
        var hasX = await harness.AddVerifierAsync(run, instruction, HasX, status: ItemStatus.Kept);
        var hasY = await harness.AddVerifierAsync(run, instruction, HasY, status: ItemStatus.Kept);
        var raises = await harness.AddVerifierAsync(run, instruction, AlwaysRaises, status: ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return False\n", status: ItemStatus.Dropped);
        var prompt = await harness.AddPromptAsync(run, instruction, "Say something. Mention x and y.");
        var both = await harness.AddResponseAsync(run, prompt, "x and y", 0);
        var half = await harness.AddResponseAsync(run, prompt, "just x", 1);
        var none = await harness.AddResponseAsync(run, prompt, "nothing", 2);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var responses = await db.Responses.OrderBy(r => r.Id).ToDictionaryAsync(r => r.Id);
        Assert.Equal((1.0, ItemStatus.Pending, (string?)null), (responses[both].Accuracy!.Value, responses[both].Status, responses[both].DropReason));
        // Exactly the minimum (0.5) is not more than it.
        Assert.Equal((0.5, ItemStatus.Dropped, (PipelineStage?)PipelineStage.Verify), (responses[half].Accuracy!.Value, responses[half].Status, responses[half].DropStage));
        Assert.Equal("accuracy 0.5 (1 of 2 verifiers pass; 1 verifier(s) errored or timed out and were not counted), needs more than 0.5", responses[half].DropReason);
        Assert.Equal((0.0, ItemStatus.Dropped), (responses[none].Accuracy!.Value, responses[none].Status));
        // One verdict per kept verifier and response; the dropped verifier never ran.
        var verdicts = await db.Verdicts.Where(v => v.ResponseId == half).OrderBy(v => v.VerifierId).ToListAsync();
        Assert.Equal([(hasX, VerdictKind.True), (hasY, VerdictKind.False), (raises, VerdictKind.Error)], verdicts.Select(v => (v.VerifierId, v.Kind)));
        Assert.Equal([null, null], verdicts.Take(2).Select(v => v.Detail));
        Assert.Contains("broken verifier", verdicts[2].Detail, StringComparison.Ordinal);
        Assert.Equal(9, await db.Verdicts.CountAsync());
        Assert.Equal(1.0 / 3, (await db.Instructions.SingleAsync()).PassRate!.Value, 6);
    }

    [Fact]
    public async Task Many_chunks_are_each_verified_once_and_other_runs_rounds_and_already_verified_responses_are_left_alone()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var other = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var hasX = await harness.AddVerifierAsync(run, instruction, HasX, status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Say something. Mention x.");
        var otherInstruction = await harness.AddInstructionAsync(other, "Mention y.", ItemStatus.Kept);
        await harness.AddVerifierAsync(other, otherInstruction, HasY, status: ItemStatus.Kept);
        var otherPrompt = await harness.AddPromptAsync(other, otherInstruction, "Say something. Mention y.");
        // Over two chunks of this run's round 0, their ids interleaved with another run's and with round 1's, and a few
        // already verified in between (as after a crash).
        const int Responses = 9_100;
        await using (var db = harness.CreateContext())
        {
            for (var n = 0; n < Responses; n++)
            {
                var text = n % 3 == 0 ? $"answer {n} without it" : $"answer {n} with x";
                var verified = n % 1000 == 7;
                db.Responses.Add(new Response
                {
                    RunId = run, PromptId = prompt, InstructionId = instruction, Text = text, TextHash = $"r{n}", SampleIndex = n,
                    Accuracy = verified ? 0.25 : null,
                });
                if (n % 4 == 0)
                {
                    db.Responses.Add(new Response { RunId = other, PromptId = otherPrompt, InstructionId = otherInstruction, Text = "y", TextHash = $"o{n}", SampleIndex = n });
                    db.Responses.Add(new Response { RunId = run, PromptId = prompt, InstructionId = instruction, Text = "x", TextHash = $"n{n}", SampleIndex = n, Round = 1, Origin = ResponseOrigin.Policy });
                }
            }
            await db.SaveChangesAsync();
        }

        // As an online round verifies its own round: the round filter applies to every chunk.
        await harness.Get<ResponseVerifier>().VerifyAsync(run, PipelineStage.Verify, round: 0, CancellationToken.None);

        await using var read = harness.CreateContext();
        var round0 = await read.Responses.Where(r => r.RunId == run && r.Round == 0).Select(r => new { r.Id, r.SampleIndex, r.Accuracy, r.Status }).ToListAsync();
        var verdicts = await read.Verdicts.Select(v => new { v.ResponseId, v.VerifierId, v.Kind }).ToListAsync();
        Assert.Equal(Responses - 10, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(hasX, v.VerifierId));
        var verdictOf = verdicts.ToDictionary(v => v.ResponseId, v => v.Kind);
        Assert.All(round0, r =>
        {
            if (r.SampleIndex % 1000 == 7)
            {
                Assert.Equal(0.25, r.Accuracy);
                Assert.False(verdictOf.ContainsKey(r.Id));
            }
            else
            {
                var hasIt = r.SampleIndex % 3 != 0;
                Assert.Equal((hasIt ? VerdictKind.True : VerdictKind.False, hasIt ? 1.0 : 0.0, hasIt ? ItemStatus.Pending : ItemStatus.Dropped), (verdictOf[r.Id], r.Accuracy!.Value, r.Status));
            }
        });
        Assert.Equal(0, await read.Responses.CountAsync(r => (r.RunId == other || r.Round == 1) && r.Accuracy != null));
        var progress = await read.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Verify);
        Assert.Equal((true, Responses, Responses), (progress.Completed, progress.Done, progress.Total));
    }

    [Fact]
    public async Task A_response_on_which_every_verifier_errors_times_out_or_answers_no_bool_has_accuracy_zero_and_is_dropped()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Do something checkable.", ItemStatus.Kept);
        var raises = await harness.AddVerifierAsync(run, instruction, AlwaysRaises, status: ItemStatus.Kept);
        var hangs = await harness.AddVerifierAsync(run, instruction, NeverReturns, status: ItemStatus.Kept);
        var yes = await harness.AddVerifierAsync(run, instruction, SaysYes, status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Do something checkable.");
        var response = await harness.AddResponseAsync(run, prompt, "anything", 0);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var stored = await db.Responses.SingleAsync(r => r.Id == response);
        Assert.Equal((0.0, ItemStatus.Dropped), (stored.Accuracy!.Value, stored.Status));
        Assert.Equal("accuracy 0 (0 of 0 verifiers pass; 3 verifier(s) errored or timed out and were not counted), needs more than 0.5", stored.DropReason);
        var kinds = await db.Verdicts.OrderBy(v => v.VerifierId).Select(v => new { v.VerifierId, v.Kind }).ToListAsync();
        Assert.Equal([(raises, VerdictKind.Error), (hangs, VerdictKind.Timeout), (yes, VerdictKind.NotBool)], kinds.Select(k => (k.VerifierId, k.Kind)));
    }

    [Fact]
    public async Task A_human_rejected_verifier_takes_no_part_and_an_approved_dropped_one_does()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var rejected = await harness.AddVerifierAsync(run, instruction, HasY, status: ItemStatus.Kept);
        var approved = await harness.AddVerifierAsync(run, instruction, HasX, status: ItemStatus.Dropped);
        await using (var db = harness.CreateContext())
        {
            await db.Verifiers.Where(v => v.Id == rejected).ExecuteUpdateAsync(s => s.SetProperty(v => v.ReviewState, ReviewState.Rejected));
            await db.Verifiers.Where(v => v.Id == approved).ExecuteUpdateAsync(s => s.SetProperty(v => v.ReviewState, ReviewState.Approved));
        }
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        await harness.AddResponseAsync(run, prompt, "x marks the spot", 0);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var read = harness.CreateContext();
        Assert.Equal(approved, (await read.Verdicts.SingleAsync()).VerifierId);
        Assert.Equal(1.0, (await read.Responses.SingleAsync()).Accuracy);
    }

    [Fact]
    public async Task Verifying_again_stores_no_verdict_twice_and_only_verifies_new_responses()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, HasX, status: ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, HasY, status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        await harness.AddResponseAsync(run, prompt, "x y", 0);
        await harness.RunStageAsync(PipelineStage.Verify, run);
        var added = await harness.AddResponseAsync(run, prompt, "x", 1);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        Assert.Equal(4, await db.Verdicts.CountAsync());
        Assert.Equal(2, await db.Verdicts.CountAsync(v => v.ResponseId == added));
        Assert.Equal([1.0, 0.5], await db.Responses.OrderBy(r => r.Id).Select(r => r.Accuracy!.Value).ToListAsync());
    }

    [Fact]
    public async Task An_empty_answer_runs_no_verifier_and_is_dropped_even_where_accuracy_0_would_pass()
    {
        await using var harness = await PipelineHarness.StartAsync();
        // At least 0: any verified response passes, but an empty answer is not a verified response.
        var run = await harness.CreateRunAsync(("Verify:MinAccuracy", "0"), ("Verify:MinAccuracyRule", ">="));
        var instruction = await harness.AddInstructionAsync(run, "Use no commas.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return ',' not in response\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Describe rain. Use no commas.");
        var answered = await harness.AddResponseAsync(run, prompt, "Rain falls", 0);
        var empty = await harness.AddResponseAsync(run, prompt, "", 1);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var responses = await db.Responses.ToDictionaryAsync(r => r.Id);
        Assert.Equal((1.0, ItemStatus.Pending), (responses[answered].Accuracy!.Value, responses[answered].Status));
        Assert.Equal((0.0, ItemStatus.Dropped, "verify.empty-answer"), (responses[empty].Accuracy!.Value, responses[empty].Status, responses[empty].DropReasonCode));
        Assert.Equal([answered], await db.Verdicts.Select(v => v.ResponseId).ToListAsync());
    }

    [Fact]
    public async Task A_verifier_that_times_out_on_its_first_three_responses_has_its_other_calls_skipped_and_is_listed_as_such()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var hasX = await harness.AddVerifierAsync(run, instruction, HasX, status: ItemStatus.Kept);
        var hangs = await harness.AddVerifierAsync(run, instruction, NeverReturns, status: ItemStatus.Kept);
        // Hangs only on texts that say "slow": its first response answers, so it is never skipped.
        var sometimes = await harness.AddVerifierAsync(run, instruction,
            "def evaluate(response):\n    while 'slow' in response:\n        pass\n    return True\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Say something. Mention x.");
        var responses = new List<long>();
        for (var n = 0; n < 8; n++)
        {
            responses.Add(await harness.AddResponseAsync(run, prompt, n is 1 or 2 or 3 or 4 ? $"slow x {n}" : $"x {n}", n));
        }

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var verdicts = await db.Verdicts.OrderBy(v => v.ResponseId).ToListAsync();
        var ofHangs = verdicts.Where(v => v.VerifierId == hangs).ToList();
        Assert.All(ofHangs, v => Assert.Equal(VerdictKind.Timeout, v.Kind));
        // The probe is its first three responses by id: they ran and timed out; the other five did not run.
        Assert.Equal(responses.Take(3), ofHangs.Where(v => v.Detail != "skipped: timed out 3 times").Select(v => v.ResponseId));
        Assert.Equal(responses.Skip(3), ofHangs.Where(v => v.Detail == "skipped: timed out 3 times").Select(v => v.ResponseId));
        Assert.Equal(
            [VerdictKind.True, VerdictKind.Timeout, VerdictKind.Timeout, VerdictKind.Timeout, VerdictKind.Timeout, VerdictKind.True, VerdictKind.True, VerdictKind.True],
            verdicts.Where(v => v.VerifierId == sometimes).Select(v => v.Kind));
        Assert.DoesNotContain(verdicts.Where(v => v.VerifierId == sometimes), v => v.Detail?.StartsWith("skipped", StringComparison.Ordinal) == true);
        Assert.All(verdicts.Where(v => v.VerifierId == hasX), v => Assert.Equal(VerdictKind.True, v.Kind));
        // Timeouts, skipped or not, are left out of the accuracy as before.
        Assert.All(await db.Responses.ToListAsync(), r => Assert.Equal(1.0, r.Accuracy));
        Assert.Contains("1 verifier(s) timed out on each of their first 3 calls", (await db.StageProgress.SingleAsync(p => p.Stage == PipelineStage.Verify)).Message, StringComparison.Ordinal);

        var failing = await new AutoIF.Core.Reports.FailingVerifierQuery(harness.Get<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>()).ExecuteAsync(AutoIF.Core.Reports.FailureKind.SkippedAfterTimeouts, run, 0, 50);
        Assert.Equal([(hangs, 8)], failing.Rows.Select(r => (r.VerifierId, r.FailedCalls)));
    }

    [Fact]
    public async Task Under_the_scripts_rule_of_no_skipping_every_call_of_a_hanging_verifier_runs()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Verify:SkipAfterTimeouts", "0"));
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        var hangs = await harness.AddVerifierAsync(run, instruction, NeverReturns, status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Say something. Mention x.");
        for (var n = 0; n < 4; n++)
        {
            await harness.AddResponseAsync(run, prompt, $"x {n}", n);
        }

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var verdicts = await db.Verdicts.Where(v => v.VerifierId == hangs).ToListAsync();
        Assert.Equal(4, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(VerdictKind.Timeout, v.Kind));
        Assert.DoesNotContain(verdicts, v => v.Detail?.StartsWith("skipped", StringComparison.Ordinal) == true);
        Assert.Equal(0, RunProfiles.Defaults(MethodProfile.Scripts).Verify.SkipAfterTimeouts);
    }
}
