using AutoIF.Core.Domain;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Components.Pages.Runs;
using AutoIF.Web.Jobs;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        page.WaitForAssertion(() => Assert.Single(JobStorage.GetMonitoringApi().EnqueuedJobs(JobQueues.Runs, 0, 10)));
    }

    [Fact]
    public async Task A_run_marked_running_whose_process_is_gone_is_interrupted_and_resume_queues_it_again()
    {
        var run = await Database.Get<RunService>().CreateAsync("killed", new RunSettings());
        await SetStatusAsync(run.Id, RunStatus.Running);
        Render<MudPopoverProvider>();

        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();

        page.WaitForAssertion(() => Assert.Equal("interrupted", page.Find("[data-status=Interrupted]").TextContent.Trim()));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Resume").Click());
        page.WaitForAssertion(() => Assert.Single(JobStorage.GetMonitoringApi().EnqueuedJobs(JobQueues.Runs, 0, 10)));
        page.WaitForAssertion(() => Assert.Equal("queued", page.Find("[data-status=Queued]").TextContent.Trim()));
        Assert.Equal(RunStatus.Queued, (await Database.Get<RunService>().GetAsync("killed")).Status);
    }

    [Fact]
    public async Task A_run_whose_lock_a_process_holds_is_running_and_cannot_be_started_twice()
    {
        var run = await Database.Get<RunService>().CreateAsync("working", new RunSettings());
        await SetStatusAsync(run.Id, RunStatus.Running);
        await using var working = await Database.Get<RunLock>().AcquireAsync(run.Id, "working", TimeSpan.Zero);

        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();

        page.WaitForAssertion(() => Assert.Equal("running", page.Find("[data-status=Running]").TextContent.Trim()));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Resume" or "Start");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Services.GetRequiredService<RunScheduler>().StartAsync(run.Id));
        Assert.Contains("Run 'working' is already running", refused.Message, StringComparison.Ordinal);
        Assert.Empty(JobStorage.GetMonitoringApi().EnqueuedJobs(JobQueues.Runs, 0, 10));
    }

    [Fact]
    public async Task An_interrupted_run_says_so_on_its_page()
    {
        var run = await Database.Get<RunService>().CreateAsync("stopped", new RunSettings());
        await SetStatusAsync(run.Id, RunStatus.Running);

        var page = Render<RunDetail>(p => p.Add(x => x.Id, run.Id));

        page.WaitForAssertion(() => Assert.Contains("The process working on this run stopped", page.Find("[data-testid=run-state-note]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Estimate_on_the_new_run_panel_counts_the_calls_of_the_settings_in_the_form()
    {
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("New run", StringComparison.Ordinal)).Click());

        await page.InvokeAsync(() => page.Find("input[data-setting='Seeds:Max']").Input("4"));
        await page.InvokeAsync(() => page.Find("input[data-setting='Augment:Rounds']").Input("0"));
        await page.InvokeAsync(() => page.Find("input[data-setting='Run:MaxModelCalls']").Input("10"));
        await page.InvokeAsync(() => page.Find("[data-testid=estimate-button]").Click());

        // 4 seeds × 5 verifier answers; the estimate is over the budget, so it says the run will pause there.
        page.WaitForAssertion(() => Assert.Contains("it pauses at Run:MaxModelCalls = 10", page.Find("[data-testid=run-estimate-summary]").TextContent, StringComparison.Ordinal));
        var verifiers = page.FindAll("[data-testid=run-estimate] tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "Verifiers");
        Assert.Equal("20", verifiers.QuerySelectorAll("td")[1].TextContent);
        await using var db = Database.CreateContext();
        Assert.False(await db.Runs.AnyAsync());
    }

    [Fact]
    public async Task A_paused_run_s_budget_is_raised_on_its_page()
    {
        var run = await Database.Get<RunService>().CreateAsync("budgeted", RunSettingsEditor.Apply(new RunSettings(), [new("Run:MaxModelCalls", "10")]));
        await SetStatusAsync(run.Id, RunStatus.Paused);

        var page = Render<RunDetail>(p => p.Add(x => x.Id, run.Id));
        page.WaitForAssertion(() => Assert.Equal("10", page.Find("[data-testid=budget] input").GetAttribute("value")));
        await page.InvokeAsync(() => page.Find("[data-testid=budget] input").Change("250"));
        await page.InvokeAsync(() => page.Find("[data-testid=set-budget]").Click());

        await using var db = Database.CreateContext();
        page.WaitForAssertion(() => Assert.Equal(250, db.Runs.AsNoTracking().Single(r => r.Id == run.Id).Settings.Run.MaxModelCalls));
    }

    [Fact]
    public async Task A_bad_setting_is_shown_next_to_its_field_and_nothing_is_created()
    {
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("New run", StringComparison.Ordinal)).Click());

        await page.InvokeAsync(() => page.Find("input[data-testid=run-name]").Input("bad"));
        await page.InvokeAsync(() => page.Find("input[data-setting='Judge:MinScore']").Input("eleven"));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click());

        page.WaitForAssertion(() => Assert.Contains("Bad value 'eleven' for run setting 'Judge:MinScore'", page.Markup, StringComparison.Ordinal));
        await using var db = Database.CreateContext();
        Assert.False(await db.Runs.AnyAsync());
    }

    [Fact]
    public async Task Choosing_the_scripts_profile_shows_its_defaults_and_sources_and_creates_the_run_with_them()
    {
        Render<MudPopoverProvider>();
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("New run", StringComparison.Ordinal)).Click());
        Assert.Equal("0.5", page.Find("input[data-setting='CrossValidation:FunctionAccuracy']").GetAttribute("value"));

        var profile = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Profile");
        await page.InvokeAsync(() => profile.Instance.ValueChanged.InvokeAsync("scripts"));

        page.WaitForAssertion(() => Assert.Equal("0.8", page.Find("input[data-setting='CrossValidation:FunctionAccuracy']").GetAttribute("value")));
        Assert.Contains("default 0.8 (code/3_cross_validation.py)", page.Markup, StringComparison.Ordinal);
        Assert.Contains("0–1", page.Markup, StringComparison.Ordinal);
        Assert.Contains(page.FindComponents<MudSelect<string>>(), s => s.Instance.Label == "FunctionAccuracyRule");
        await page.InvokeAsync(() => page.Find("input[data-testid=run-name]").Input("reference"));
        await page.InvokeAsync(() => page.Find("input[data-setting='CrossValidation:MinCases']").Input("12"));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click());

        page.WaitForAssertion(() => Assert.Contains("reference", page.Find("[data-testid=run-table]").TextContent, StringComparison.Ordinal));
        var run = await Database.Get<RunService>().GetAsync("reference");
        Assert.Equal(MethodProfile.Scripts, run.Settings.Profile);
        Assert.Equal((0.8, MinimumRule.AtLeast, 12), (run.Settings.CrossValidation.FunctionAccuracy, run.Settings.CrossValidation.FunctionAccuracyRule, run.Settings.CrossValidation.MinCases));
        Assert.Equal("profile scripts; changed from it: CrossValidation:MinCases = 12 (default 10)", RunSettingsEditor.ProfileSummary(run.Settings));
    }

    [Fact]
    public async Task A_valid_form_creates_the_run_with_the_changed_setting()
    {
        var page = Render<AutoIF.Web.Components.Pages.Runs.Runs>();
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("New run", StringComparison.Ordinal)).Click());

        await page.InvokeAsync(() => page.Find("input[data-testid=run-name]").Input("strict"));
        await page.InvokeAsync(() => page.Find("input[data-setting='CrossValidation:FunctionAccuracy']").Input("0.8"));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click());

        page.WaitForAssertion(() => Assert.Contains("strict", page.Find("[data-testid=run-table]").TextContent, StringComparison.Ordinal));
        var run = await Database.Get<RunService>().GetAsync("strict");
        Assert.Equal(0.8, run.Settings.CrossValidation.FunctionAccuracy);
        Assert.Equal(RunStatus.Draft, run.Status);
    }

    [Fact]
    public async Task Delete_on_the_run_page_asks_with_the_run_and_its_counts_then_deletes_it()
    {
        var run = await Database.Get<RunService>().CreateAsync("unwanted", new RunSettings());
        await using (var db = Database.CreateContext())
        {
            db.Instructions.Add(new Instruction { RunId = run.Id, Text = "Answer in French.", TextHash = TextHash.Normalized("Answer in French.") });
            await db.SaveChangesAsync();
        }
        var dialogs = Render<MudDialogProvider>();
        var page = Render<RunDetail>(p => p.Add(x => x.Id, run.Id));

        await page.InvokeAsync(() => page.WaitForElement("[data-testid=delete-run]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Delete run 'unwanted'?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("run 'unwanted' with 1 instructions, 0 responses", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await Poll.UntilAsync(async () =>
        {
            await using var db = Database.CreateContext();
            return await db.Runs.AnyAsync(r => r.Id == run.Id);
        }, exists => !exists, TimeSpan.FromSeconds(30));
        await using var read = Database.CreateContext();
        Assert.False(await read.Instructions.AnyAsync());
    }

    [Fact]
    public async Task The_run_page_lists_who_did_what_when_newest_first_and_a_start_there_joins_the_list_under_the_signed_in_user()
    {
        var run = await Database.Get<RunService>().CreateAsync("audited", new RunSettings());
        var other = await Database.Get<RunService>().CreateAsync("elsewhere", new RunSettings());
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        // Entries are written as the actions happen, one after the other.
        foreach (var (runId, actor, action, detail, minutes) in new[]
                 {
                     (run.Id, "ada", AutoIF.Core.Audit.AuditActions.Create, "run 'audited'", 0),
                     (run.Id, "bob", AutoIF.Core.Audit.AuditActions.Review, "verifier #3: approved", 5),
                     (run.Id, "carol (cli)", AutoIF.Core.Audit.AuditActions.Import, "autoif-query-rft 'q.jsonl': 3 queries", 10),
                     (other.Id, "mallory", AutoIF.Core.Audit.AuditActions.Delete, "not this run's", 20),
                 })
        {
            await using var db = Database.CreateContext();
            AutoIF.Core.Audit.AuditLog.Add(db, runId, actor, action, detail, at.AddMinutes(minutes));
            await db.SaveChangesAsync();
        }

        var page = Render<RunDetail>(p => p.Add(x => x.Id, run.Id));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=audit-row]").Count));
        Assert.Equal(
            [
                ["2026-11-30 09:10:00", "carol (cli)", "import", "autoif-query-rft 'q.jsonl': 3 queries"],
                ["2026-11-30 09:05:00", "bob", "review", "verifier #3: approved"],
                ["2026-11-30 09:00:00", "ada", "create", "run 'audited'"],
            ],
            AuditRows(page));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Start").Click());

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=audit-row]").Count));
        var started = AuditRows(page)[0];
        Assert.Equal(("reviewer", "start"), (started[1], started[2]));
        Assert.StartsWith("job ", started[3], StringComparison.Ordinal);
    }

    private static List<string[]> AuditRows(IRenderedComponent<RunDetail> page) =>
        [.. page.FindAll("[data-testid=audit-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())];

    private async Task SetStatusAsync(int runId, RunStatus status)
    {
        await using var db = Database.CreateContext();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status));
    }
}
