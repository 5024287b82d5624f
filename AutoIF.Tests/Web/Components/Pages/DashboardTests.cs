using AutoIF.Core.Domain;
using AutoIF.Core.Reviews;
using AutoIF.Core.Storage;
using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.Dashboard;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Components.Pages;

public class DashboardTests : ReviewPageTestContext
{
    [Fact]
    public void Without_runs_the_dashboard_says_so()
    {
        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Contains("No runs yet", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_shows_its_funnel_drop_reasons_histograms_token_use_and_demo_marker()
    {
        await SeedAsync();

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Contains(ReviewDataSeeder.RunName, page.Find("[data-testid=run-list]").TextContent, StringComparison.Ordinal));
        var funnel = page.Find("[data-testid=funnel]").TextContent;
        Assert.Contains("generated (instructions)", funnel, StringComparison.Ordinal);
        Assert.Contains("cross-validated", funnel, StringComparison.Ordinal);
        Assert.Contains("no test case has more than N of the functions agreeing with it", funnel, StringComparison.Ordinal);
        Assert.Contains("Verifiers", page.Find("[data-testid=token-use]").TextContent, StringComparison.Ordinal);
        Assert.Contains("950", page.Find("[data-testid=token-use]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=hist-verifiers] .bar-row"));
        Assert.Equal(11, page.FindAll("[data-testid=hist-judge] .bar-row").Count);
        Assert.NotEmpty(page.FindAll("[data-testid=demo-chip]"));
        Assert.Contains("No spot-checks yet", page.Find("[data-testid=review-agreement]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_updates_without_reload_while_a_run_works()
    {
        var data = await SeedAsync();
        // A process works on a run while it holds the run's lock.
        await using var working = await Db.Get<RunLock>().AcquireAsync(data.RunId, "seeded", TimeSpan.Zero);
        await using (var db = Db.CreateContext())
        {
            await db.Runs.Where(r => r.Id == data.RunId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.CurrentStage, PipelineStage.Verify));
            await db.StageProgress.Where(p => p.Stage == PipelineStage.Verify).ExecuteUpdateAsync(s => s.SetProperty(p => p.Done, 1).SetProperty(p => p.Total, 4).SetProperty(p => p.Completed, false));
        }
        var page = Open<Dashboard>();
        page.WaitForAssertion(() => Assert.Contains("1 of 4", page.Find("[data-testid=run-list]").TextContent, StringComparison.Ordinal));

        await using (var db = Db.CreateContext())
        {
            await db.StageProgress.Where(p => p.Stage == PipelineStage.Verify).ExecuteUpdateAsync(s => s.SetProperty(p => p.Done, 3));
        }
        Assert.Contains("1 of 4", page.Find("[data-testid=run-list]").TextContent, StringComparison.Ordinal);
        Clock.Advance(TimeSpan.FromSeconds(1.5));

        page.WaitForAssertion(() => Assert.Contains("3 of 4", page.Find("[data-testid=run-list]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=live-chip]"));
    }

    [Fact]
    public async Task A_run_marked_running_whose_process_is_gone_shows_as_interrupted_and_not_live()
    {
        var data = await SeedAsync();
        await using (var db = Db.CreateContext())
        {
            await db.Runs.Where(r => r.Id == data.RunId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.CurrentStage, PipelineStage.Verify));
        }

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("interrupted", page.Find("[data-testid=run-list] [data-status=Interrupted]").TextContent.Trim()));
        Assert.Contains("killed or crashed", page.Find("[data-status=Interrupted]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=live-chip]"));
    }

    [Fact]
    public async Task A_human_decision_shows_as_an_override_in_the_run_stats()
    {
        var data = await SeedAsync();
        await Services.GetRequiredService<ReviewService>().RecordAsync(new ReviewDecision(ReviewTarget.Verifier, data.GoodVerifierId, ReviewState.Rejected, "too loose"));

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Contains("overturned 1", page.Find("[data-testid=agreement-summary]").TextContent, StringComparison.Ordinal));
        Assert.Matches(@"kept verifiers: 1\s*→\s*0", page.Find("[data-testid=kept-after-review]").TextContent);
    }

    [Fact]
    public async Task Two_reviewers_decisions_show_as_cohens_kappa_with_the_counts()
    {
        var data = await SeedAsync();
        var reviews = Services.GetRequiredService<ReviewService>();
        // Agree on one verifier, disagree on another: p_o = 1/2; alice approves 2/2, bob 1/2: p_e = 1/2, so κ = 0.
        await reviews.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, data.GoodVerifierId, ReviewState.Approved, null, "alice"));
        await reviews.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, data.GoodVerifierId, ReviewState.Approved, null, "bob"));
        await reviews.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, data.BrokenVerifierId, ReviewState.Approved, null, "alice"));
        await reviews.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, data.BrokenVerifierId, ReviewState.Rejected, null, "bob"));

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Contains("Cohen's κ between reviewers: 0.00 — 2 items, 2 reviewers, 4 decisions",
            System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=reviewer-kappa]").TextContent, @"\s+", " "), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_pair_leaves_the_dashboards_pair_count_after_review()
    {
        var data = await SeedAsync();
        var pairs = new List<long>();
        await using (var db = Db.CreateContext())
        {
            var responses = await db.Responses.Where(r => r.InstructionId == data.KeptInstructionId).OrderBy(r => r.Id).Select(r => new { r.Id, r.PromptId }).ToListAsync();
            foreach (var rejected in responses.Skip(1))
            {
                var pair = new DpoPair
                {
                    RunId = data.RunId, InstructionId = data.KeptInstructionId, Level = PairLevel.Query, PromptId = responses[0].PromptId,
                    ChosenResponseId = responses[0].Id, RejectedResponseId = rejected.Id, ChosenAccuracy = 1, RejectedAccuracy = 0,
                };
                db.DpoPairs.Add(pair);
                await db.SaveChangesAsync();
                pairs.Add(pair.Id);
            }
        }
        await Services.GetRequiredService<ReviewService>().RecordAsync(new ReviewDecision(ReviewTarget.Pair, pairs[0], ReviewState.Rejected));

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Matches(@"DPO pairs: 2 built\s*→\s*1 after review", page.Find("[data-testid=pairs-after-review]").TextContent));
    }

    [Fact]
    public void An_unreachable_database_shows_an_error_not_an_exception()
    {
        BreakDatabase();

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.Contains(BrokenContextFactory.Message, page.Find("[data-testid=dashboard-error]").TextContent, StringComparison.Ordinal));
    }
    [Fact]
    public async Task A_run_shows_pass_rate_and_yield_by_difficulty_and_each_verifier_kind_s_agreement_with_the_spot_checks()
    {
        var data = await SeedAsync();
        await using (var db = Db.CreateContext())
        {
            // The kept response (True from the good verifier, an error from the other) is approved; the judge-dropped one
            // (True from the good verifier) rejected: one agreement, one disagreement, one verdict that counts neither way.
            var responses = await db.Responses.Where(r => r.RunId == data.RunId).OrderBy(r => r.SampleIndex).ToListAsync();
            responses[0].ReviewState = ReviewState.Approved;
            responses[2].ReviewState = ReviewState.Rejected;
            await db.SaveChangesAsync();
        }

        var page = Open<Dashboard>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=difficulty-table] tbody tr")));
        var difficulty = Assert.Single(page.FindAll("[data-testid=difficulty-table] tbody tr")).QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        // One prompt of one constraint, three responses: two pass verification, one is kept in the end.
        Assert.Equal(["1", "1", "3", "66.7%", "33.3%"], difficulty);
        Assert.NotEmpty(page.FindAll("[data-testid=difficulty-chart] svg"));
        var code = page.Find("[data-testid=calibration] tr[data-kind=code]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["code", "2", "1", "1", "1", "50%"], code);
    }
}
