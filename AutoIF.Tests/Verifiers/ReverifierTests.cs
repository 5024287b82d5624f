using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Verifiers;

/// <summary>Re-verification with the verifiers' current versions on real SQLite and the real sandbox; no model is called.</summary>
public class ReverifierTests
{
    [Fact]
    public async Task Editing_a_kept_verifier_into_return_true_flips_exactly_its_false_verdicts_and_editing_it_back_restores_the_run()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var first = await run.OutcomeAsync(harness);
        int pairsBefore;
        await using (var db = harness.CreateContext())
        {
            pairsBefore = await db.DpoPairs.CountAsync(p => p.RunId == run.RunId);
        }
        var versions = harness.Get<VerifierVersions>();

        var vacuous = await versions.EditAsync(run.Exact, VersionedRun.AcceptsAll, "what if it accepted everything");
        var diff = await run.ReverifyAsync(harness);

        // Responses of 5 to 24 words: the exact check said False, `return True` says True; nothing else changed.
        var flipped = Assert.Single(diff.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((vacuous.Id, 2, 1, 0, 20), (flipped.VerifierId, flipped.Version, flipped.FromVersion, flipped.TrueToFalse, flipped.FalseToTrue));
        Assert.All(flipped.Examples, e => Assert.Equal(("false", "true"), (e.OldVerdict, e.NewVerdict)));
        Assert.Equal("word1 word2 word3 word4 word5", flipped.Examples[0].Response);
        // 5 to 9 words now pass two of three checks: no longer dropped, waiting for the judge (this run has none).
        Assert.Equal(5, diff.ResponsesChanged);
        Assert.All(diff.Responses, r => Assert.Equal(("dropped", "pending"), (r.Before, r.After)));
        Assert.Equal([5L, 6, 7, 8, 9], diff.Responses.Select(r => r.Id - diff.Responses[0].Id + 5));
        Assert.Empty(diff.NeedLaterStages);
        var history = await versions.HistoryAsync(run.Exact);
        Assert.Equal(["ok", "vacuous"], history.Select(v => v.SelfTest));
        Assert.Equal("what if it accepted everything", history[1].Note);
        Assert.Contains("accepted all 10 probe texts", history[1].SelfTestEvidence, StringComparison.Ordinal);
        // Without DropVacuous the vacuous version is flagged, not dropped.
        Assert.Equal(ItemStatus.Kept, history[1].Status);
        await using (var db = harness.CreateContext())
        {
            Assert.Equal(24, await db.Verdicts.CountAsync(v => v.VerifierId == run.Exact));
            Assert.Equal(pairsBefore - diff.PairsRemoved + diff.PairsAdded, await db.DpoPairs.CountAsync(p => p.RunId == run.RunId));
        }

        // Editing version 1's id makes version 3 after version 2; its source is version 1's: the run is as it was.
        var restored = await versions.EditAsync(run.Exact, VersionedRun.ExactSource, "back to the exact check");
        var back = await run.ReverifyAsync(harness);

        Assert.Equal(3, restored.Version);
        var flippedBack = Assert.Single(back.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((restored.Id, 20, 0), (flippedBack.VerifierId, flippedBack.TrueToFalse, flippedBack.FalseToTrue));
        Assert.Equal((diff.PairsRemoved, diff.PairsAdded), (back.PairsAdded, back.PairsRemoved));
        Assert.Equal(diff.FunnelBefore, back.FunnelAfter);
        Assert.Equal(first, await run.OutcomeAsync(harness));
        Assert.Equal(["ok", "vacuous", "ok"], (await versions.HistoryAsync(restored.Id)).Select(v => v.SelfTest));
    }

    [Fact]
    public async Task The_diff_read_a_few_responses_at_a_time_is_the_diff_read_in_one_go()
    {
        var diffs = new List<string>();
        foreach (var chunk in new[] { 2_000, 5, 7 })
        {
            await using var harness = await PipelineHarness.StartAsync();
            var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
            await harness.Get<VerifierVersions>().EditAsync(run.Exact, VersionedRun.AcceptsAll, null);
            await harness.Get<VerifierVersions>().EditAsync(run.Lenient, "def evaluate(response):\n    return len(response.split()) < 8\n", null);
            var reverifier = ActivatorUtilities.CreateInstance<Reverifier>(harness.Database.Services);
            reverifier.ResponsesPerChunk = chunk;

            var diff = await reverifier.ExecuteAsync(await harness.Get<ReverificationStore>().CreateAsync(run.RunId, null), CancellationToken.None);

            Assert.Equal(2, diff.Verifiers.Count(v => v.TrueToFalse + v.FalseToTrue > 0));
            diffs.Add(System.Text.Json.JsonSerializer.Serialize(diff));
        }
        Assert.Equal(diffs[0], diffs[1]);
        Assert.Equal(diffs[0], diffs[2]);
    }

    [Fact]
    public async Task The_reward_service_scores_with_a_verifiers_current_version_once_it_is_re_verified_and_never_with_the_one_it_replaced()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        async Task<List<int>> ScoringAsync()
        {
            await using var db = harness.CreateContext();
            return await Core.Rewards.RewardVerifierQuery.KeptVerifiersFor(db, run.RunId).OrderBy(v => v.Id).Select(v => v.Id).ToListAsync();
        }
        Assert.Equal([run.Exact, run.ExactToo, run.Lenient], await ScoringAsync());

        var edited = await harness.Get<VerifierVersions>().EditAsync(run.Lenient, "def evaluate(response):\n    return len(response.split()) < 8\n", null);

        // Until a re-verification compiles and cross-validates it, the new version scores nothing and the old one no longer.
        Assert.Equal([run.Exact, run.ExactToo], await ScoringAsync());
        await run.ReverifyAsync(harness);
        Assert.Equal([run.Exact, run.ExactToo, edited.Id], await ScoringAsync());
    }

    [Fact]
    public async Task A_whole_run_re_verification_with_nothing_edited_changes_nothing_and_an_instruction_dropped_at_cross_validation_stays_dropped()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        int otherId;
        await using (var db = harness.CreateContext())
        {
            // Dropped at cross-validation with its function decided there: nothing was edited, so nothing decides it again.
            var other = new Instruction { RunId = run.RunId, Text = "Say nothing.", TextHash = "x", Origin = InstructionOrigin.Imported };
            other.Drop(PipelineStage.CrossValidate, DropReasons.NoAgreedCase.With("more than 50%"));
            db.Instructions.Add(other);
            await db.SaveChangesAsync();
            otherId = other.Id;
            var function = new Verifier { RunId = run.RunId, InstructionId = other.Id, Source = "def evaluate(response):\n    return False\n", SourceHash = "y", CompileStatus = CompileStatus.Ok };
            function.Drop(PipelineStage.CrossValidate, DropReasons.NoAgreedCase.With("more than 50%"));
            db.Verifiers.Add(function);
            await db.SaveChangesAsync();
        }
        var first = await run.OutcomeAsync(harness);

        var diff = await run.ReverifyAsync(harness);

        Assert.DoesNotContain(diff.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((0, 0, 0), (diff.ResponsesChanged, diff.Instructions.Count, diff.NeedLaterStages.Count));
        Assert.Equal(diff.FunnelBefore, diff.FunnelAfter);
        Assert.Equal(first, await run.OutcomeAsync(harness));
        await using var check = harness.CreateContext();
        var otherNow = await check.Instructions.SingleAsync(i => i.Id == otherId);
        Assert.Equal((ItemStatus.Dropped, "no test case has more than 50% of the functions agreeing with it"), (otherNow.Status, otherNow.DropReason));
    }

    [Fact]
    public async Task With_DropVacuous_the_return_true_version_is_dropped_with_its_reason_and_takes_no_part_in_verification()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: true);
        var first = await run.OutcomeAsync(harness);

        var vacuous = await harness.Get<VerifierVersions>().EditAsync(run.Exact, VersionedRun.AcceptsAll, null);
        var diff = await run.ReverifyAsync(harness);

        await using var db = harness.CreateContext();
        var version = await db.Verifiers.SingleAsync(v => v.Id == vacuous.Id);
        Assert.Equal((ItemStatus.Dropped, PipelineStage.CrossValidate, VerifierSelfTest.Vacuous), (version.Status, version.DropStage, version.SelfTest));
        Assert.Equal("vacuous: accepts all 10 probe texts and all 1 kept cases expecting False", version.DropReason);
        Assert.Equal(0, await db.Verdicts.CountAsync(v => v.VerifierId == vacuous.Id));
        Assert.DoesNotContain(diff.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        var original = await db.Verifiers.SingleAsync(v => v.Id == run.Exact);
        Assert.Equal((ItemStatus.Dropped, "replaced by version 2"), (original.Status, original.DropReason));
        Assert.NotEqual(first, await run.OutcomeAsync(harness));
    }

    [Fact]
    public async Task Re_verifying_one_instruction_leaves_the_others_verdicts_alone()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        int otherId;
        await using (var db = harness.CreateContext())
        {
            // Another instruction dropped at cross-validation: cross-validated again it would read "only 0 compiled distinct functions".
            var other = new Instruction { RunId = run.RunId, Text = "Say nothing.", TextHash = "x", Origin = InstructionOrigin.Imported };
            other.Drop(PipelineStage.CrossValidate, DropReasons.NoAgreedCase.With("more than 50%"));
            db.Instructions.Add(other);
            await db.SaveChangesAsync();
            otherId = other.Id;
        }
        await harness.Get<VerifierVersions>().EditAsync(run.Lenient, "def evaluate(response):\n    return len(response.split()) < 8\n", "stricter");

        var diff = await run.ReverifyAsync(harness, run.InstructionId);

        var flipped = Assert.Single(diff.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((2, 2, 0), (flipped.Version, flipped.TrueToFalse, flipped.FalseToTrue));
        Assert.Equal([8, 9], flipped.Examples.Select(e => e.Response.Split(' ').Length));
        await using var check = harness.CreateContext();
        Assert.Equal("no test case has more than 50% of the functions agreeing with it", (await check.Instructions.SingleAsync(i => i.Id == otherId)).DropReason);
    }

    [Fact]
    public async Task An_edit_while_another_process_works_on_the_run_is_refused_with_the_run_named_and_nothing_saved()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        string name;
        await using (var db = harness.CreateContext())
        {
            name = await db.Runs.Where(r => r.Id == run.RunId).Select(r => r.Name).SingleAsync();
        }

        await using (await harness.Get<RunLock>().AcquireAsync(run.RunId, name, TimeSpan.FromSeconds(5)))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Get<VerifierVersions>().EditAsync(run.Exact, VersionedRun.AcceptsAll, null));
            Assert.Contains($"Run '{name}' is being worked on by another process", refused.Message, StringComparison.Ordinal);
        }

        await using var check = harness.CreateContext();
        Assert.Equal(3, await check.Verifiers.CountAsync(v => v.RunId == run.RunId));
        Assert.Equal(ItemStatus.Kept, (await check.Verifiers.SingleAsync(v => v.Id == run.Exact)).Status);
    }

    [Fact]
    public async Task A_re_verification_killed_mid_way_is_ended_as_interrupted_with_its_baseline_deleted_when_the_runs_next_one_starts()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var other = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var killed = await KilledMidWayAsync(harness, run.RunId);
        // Another run's re-verification may be working in another process (it holds that run's lock, not this one's).
        var elsewhere = await KilledMidWayAsync(harness, other.RunId);

        var diff = await run.ReverifyAsync(harness);

        Assert.All(diff.Verifiers, v => Assert.Equal((0, 0), (v.TrueToFalse, v.FalseToTrue)));
        await using var db = harness.CreateContext();
        var ended = await db.Reverifications.SingleAsync(r => r.Id == killed);
        Assert.Equal((ReverificationState.Failed, Reverifier.InterruptedError), (ended.State, ended.Error));
        Assert.NotNull(ended.FinishedAt);
        Assert.False(await db.ReverificationVerdicts.AnyAsync(v => v.ReverificationId == killed));
        Assert.Equal(ReverificationState.Running, (await db.Reverifications.SingleAsync(r => r.Id == elsewhere)).State);
        Assert.Equal(24, await db.ReverificationVerdicts.CountAsync(v => v.ReverificationId == elsewhere));
        // The one that ran left no baseline either.
        Assert.Equal(24, await db.ReverificationVerdicts.CountAsync());
    }

    /// <summary>What a process killed during a re-verification leaves: the record marked running and the baseline it had written.</summary>
    private static async Task<int> KilledMidWayAsync(PipelineHarness harness, int runId)
    {
        var id = await harness.Get<ReverificationStore>().CreateAsync(runId, null);
        await using var db = harness.CreateContext();
        await db.Reverifications.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReverificationState.Running));
        var exact = await db.Verifiers.Where(v => v.RunId == runId).MinAsync(v => v.Id);
        var verdicts = await db.Verdicts.Where(v => v.VerifierId == exact).ToListAsync();
        db.ReverificationVerdicts.AddRange(verdicts.Select(v => new ReverificationVerdict
        {
            ReverificationId = id, ResponseId = v.ResponseId, Lineage = exact, VerifierId = exact, Version = 1, Kind = v.Kind, Detail = v.Detail,
        }));
        await db.SaveChangesAsync();
        return id;
    }
}
