using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Core.Verifiers;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Verifiers;

public class VerifierVersionsTests
{
    [Fact]
    public async Task An_edit_makes_the_next_version_with_its_note_and_keeps_the_old_version_and_its_verdicts()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var versions = harness.Get<VerifierVersions>();

        var saved = await versions.EditAsync(run.ExactToo, "def evaluate(response):\n    return len(response.split()) <= 4\n", "  simpler  ");

        Assert.Equal((2, "simpler", true, ItemStatus.Pending), (saved.Version, saved.Note, saved.IsCurrent, saved.Status));
        Assert.NotNull(saved.CreatedAt);
        Assert.Equal(VersionedRun.ExactTooSource, (await versions.ShowAsync(saved.Id, version: 1)).Source);
        Assert.Equal(saved.Id, (await versions.ShowAsync(run.ExactToo, version: 2)).Id);
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => versions.ShowAsync(run.ExactToo, version: 7));
        Assert.Equal($"Verifier #{run.ExactToo} has no version 7; it has versions 1 to 2.", missing.Message);
        await using var db = harness.CreateContext();
        Assert.Equal(24, await db.Verdicts.CountAsync(v => v.VerifierId == run.ExactToo));
        Assert.Equal(run.ExactToo, (await db.Verifiers.SingleAsync(v => v.Id == saved.Id)).PreviousVersionId);
    }

    [Fact]
    public async Task The_same_source_again_or_an_empty_one_is_refused_and_nothing_is_saved()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var versions = harness.Get<VerifierVersions>();

        var same = await Assert.ThrowsAsync<ArgumentException>(() => versions.EditAsync(run.Exact, VersionedRun.ExactSource, null));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => versions.EditAsync(run.Exact, "  \n", null));
        var none = await Assert.ThrowsAsync<ArgumentException>(() => versions.EditAsync(999_999, VersionedRun.AcceptsAll, null));

        Assert.Equal($"Verifier #{run.Exact}: the source is the same as its current version 1 (#{run.Exact}); nothing saved.", same.Message);
        Assert.Contains("the new source is empty", empty.Message, StringComparison.Ordinal);
        Assert.Equal("There is no verifier #999999.", none.Message);
        await using var db = harness.CreateContext();
        Assert.Equal(3, await db.Verifiers.CountAsync(v => v.RunId == run.RunId));
    }

    [Fact]
    public async Task A_verifier_that_gives_every_one_of_at_least_20_responses_the_same_verdict_shows_as_constant()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var versions = harness.Get<VerifierVersions>();
        // False on every one of the 24 responses, but it rejects probes and is right on the "one two" case only in part: not vacuous.
        var never = await versions.EditAsync(run.Lenient, "def evaluate(response):\n    return response.startswith('one')\n", "only answers starting with 'one'");
        await run.ReverifyAsync(harness);

        var history = await versions.HistoryAsync(never.Id);

        Assert.Equal("ok", history[0].SelfTest);
        Assert.Equal(("constant", "returned false on all 24 responses of the run"), (history[1].SelfTest, history[1].SelfTestEvidence));
        var listed = await new FailingVerifierQuery(harness.Get<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>()).ExecuteAsync(FailureKind.Constant, run.RunId, 0, 50);
        Assert.Equal([(never.Id, "returned false on all 24 responses of the run")], listed.Rows.Select(r => (r.VerifierId, r.Reason)));
    }
}
