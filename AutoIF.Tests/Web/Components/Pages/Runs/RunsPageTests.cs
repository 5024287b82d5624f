using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Components.Pages.Runs;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AutoIF.Tests.Web.Components.Pages.Runs;

public class RunsPageTests : PageTestContext
{
    [Fact]
    public void With_no_runs_the_page_says_so()
    {
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();

        page.WaitForAssertion(() => Assert.Contains("No runs yet", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runs_are_listed_with_their_status_and_a_start_button_for_drafts()
    {
        await Database.Get<RunService>().CreateAsync("alpha", new RunSettings());
        Render<MudPopoverProvider>();

        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();

        page.WaitForAssertion(() => Assert.Contains("alpha", page.Find("[data-testid=run-table]").TextContent, StringComparison.Ordinal));
        Assert.Equal("draft", page.Find("[data-status=Draft]").TextContent.Trim());
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Start").Click());
        page.WaitForAssertion(() => Assert.Single(JobStorage.GetMonitoringApi().EnqueuedJobs("default", 0, 10)));
    }

    [Fact]
    public async Task A_bad_setting_is_shown_next_to_its_field_and_nothing_is_created()
    {
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();
        page.FindAll("button").Single(b => b.TextContent.Contains("New run", StringComparison.Ordinal)).Click();

        page.Find("input[data-testid=run-name]").Input("bad");
        page.Find("input[data-setting='Judge:MinScore']").Input("eleven");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        page.WaitForAssertion(() => Assert.Contains("Bad value 'eleven' for run setting 'Judge:MinScore'", page.Markup, StringComparison.Ordinal));
        await using var db = Database.CreateContext();
        Assert.False(await db.Runs.AnyAsync());
    }

    [Fact]
    public async Task A_valid_form_creates_the_run_with_the_changed_setting()
    {
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();
        page.FindAll("button").Single(b => b.TextContent.Contains("New run", StringComparison.Ordinal)).Click();

        page.Find("input[data-testid=run-name]").Input("strict");
        page.Find("input[data-setting='CrossValidation:FunctionAccuracy']").Input("0.8");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        page.WaitForAssertion(() => Assert.Contains("strict", page.Find("[data-testid=run-table]").TextContent, StringComparison.Ordinal));
        var run = await Database.Get<RunService>().GetAsync("strict");
        Assert.Equal(0.8, run.Settings.CrossValidation.FunctionAccuracy);
        Assert.Equal(RunStatus.Draft, run.Status);
    }
}
