using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Verifiers;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Components.Pages.Runs;
using AutoIF.Web.Jobs;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AutoIF.Tests.Web.Components.Pages.Runs;

public class ReverificationsPageTests : PageTestContext
{
    [Fact]
    public async Task A_stored_diff_shows_each_verifiers_flips_with_examples_the_totals_and_the_funnel_before_and_after()
    {
        var run = await Database.Get<RunService>().CreateAsync("fixed", new RunSettings());
        var diff = new ReverificationDiff(
            [new VerifierFlips(41, 2, 1, 7, 3, 0, [new VerdictFlip(900, "word1 word2 word3 word4 word5 word6", "true", null, "false", null)]), new VerifierFlips(42, 1, 1, 7, 0, 0, [])],
            [new KeptChange(900, "kept", "dropped", "accuracy 0 (0 of 1 verifiers pass), needs more than 0.5")], 1, [], [], 0, 1, 0, 2,
            [new FunnelCount("verified", "responses", 10)], [new FunnelCount("verified", "responses", 9)]);
        await using (var db = Database.CreateContext())
        {
            db.Reverifications.Add(new Reverification
            {
                RunId = run.Id, State = ReverificationState.Done, CreatedAt = DateTimeOffset.UtcNow, Diff = JsonSerializer.Serialize(diff, ReverificationStore.Json),
            });
            await db.SaveChangesAsync();
        }

        var page = Render<Reverifications>(p => p.Add(x => x.Id, run.Id));

        page.WaitForElement("[data-testid=flips]");
        var rows = page.FindAll("[data-testid=flips] tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("#41 v2 (was v1)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("true → false", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("word1 word2", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("SFT rows +0 −1 · DPO pairs +0 −2", page.Find("[data-testid=totals]").TextContent, StringComparison.Ordinal);
        Assert.Contains("accuracy 0 (0 of 1 verifiers pass)", page.Find("[data-testid=response-changes]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["verified", "10", "→ 9", "responses"], page.FindAll("[data-testid=funnel] td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Re_verify_queues_a_job_for_a_cross_validated_run_under_the_signed_in_user_and_refuses_one_that_is_not()
    {
        var validated = await Database.Get<RunService>().CreateAsync("validated", new RunSettings());
        var fresh = await Database.Get<RunService>().CreateAsync("fresh", new RunSettings());
        await using (var db = Database.CreateContext())
        {
            db.StageProgress.Add(new StageProgress { RunId = validated.Id, Stage = PipelineStage.CrossValidate, Completed = true, Status = ItemStatus.Kept });
            await db.SaveChangesAsync();
        }
        var snackbar = Render<MudSnackbarProvider>();

        var refused = Render<ReverifyButton>(p => p.Add(x => x.RunId, fresh.Id));
        await refused.InvokeAsync(() => refused.Find("[data-testid=reverify]").Click());
        var page = Render<ReverifyButton>(p => p.Add(x => x.RunId, validated.Id));
        await page.InvokeAsync(() => page.Find("[data-testid=reverify]").Click());

        snackbar.WaitForAssertion(() => Assert.Contains("Run 'fresh' has not been cross-validated yet", snackbar.Markup, StringComparison.Ordinal));
        Assert.Single(JobStorage.GetMonitoringApi().EnqueuedJobs(JobQueues.Sandbox, 0, 10));
        await using var check = Database.CreateContext();
        Assert.Equal([(validated.Id, ReverificationState.Queued)], await check.Reverifications.Select(r => ValueTuple.Create(r.RunId, r.State)).ToListAsync());
        // The audit list names who asked (bunit's signed-in "reviewer"); the refused one changed nothing, so left no entry.
        var entry = Assert.Single(await check.AuditEntries.ToListAsync());
        Assert.Equal((validated.Id, "reviewer", "reverify"), (entry.RunId, entry.Actor, entry.Action));
        Assert.Matches(@"^re-verification #\d+$", entry.Detail);
    }
}
