using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using System.Text.Json;
using AutoIF.Core.Seeds;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AutoIF.Tests.Web.Components.Pages.Export;

/// <summary>The Export page with its jobs run by a Hangfire server on the app's SQLite job storage.</summary>
public class ExportPageTests : PageTestContext
{
    protected override bool RunsJobServer => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The page polls its exports only in a live circuit.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void With_no_runs_there_is_nothing_to_export()
    {
        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();

        page.WaitForAssertion(() => Assert.Contains("Nothing to export yet", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exporting_a_finished_demo_run_writes_a_file_and_offers_the_download()
    {
        var runs = Database.Get<RunService>();
        var run = await runs.CreateAsync("tiny", RunSettingsEditor.Apply(new RunSettings(), [new("Augment:Rounds", "1"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "2")]));
        await runs.MarkQueuedAsync(run.Id);
        Assert.Equal(RunStatus.Completed, await Database.Get<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None));
        Render<MudPopoverProvider>();

        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-start]"));
        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=export-download]"));
        var link = page.Find("[data-testid=export-download]").GetAttribute("href")!;
        var file = Path.Combine(Database.DataFolder, "exports", link["/api/exports/".Length..]);
        Assert.True(File.Exists(file));
        // alpaca defaults to a JSON array, as LLaMA-Factory reads it.
        using var rows = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.NotEqual(0, rows.RootElement.GetArrayLength());
        Assert.False(string.IsNullOrEmpty(rows.RootElement[0].GetProperty("output").GetString()));

        // It ran as a Hangfire job, and the list shows it done with every row and its file.
        Assert.Equal(1, JobStorage.GetMonitoringApi().SucceededListCount());
        var row = page.Find("[data-testid=export-row]");
        Assert.Equal("done", row.QuerySelector("[data-testid=export-state]")!.TextContent.Trim());
        Assert.Equal(rows.RootElement.GetArrayLength().ToString(CultureInfo.InvariantCulture), row.QuerySelector("[data-testid=export-rows]")!.TextContent.Trim());
        Assert.Equal(link, row.QuerySelector("[data-testid=export-list-download]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Deleting_an_export_in_the_list_asks_first_then_removes_it_and_its_file()
    {
        await FinishedRunAsync();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-start]"));
        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=export-list-download]"));
        var fileName = page.Find("[data-testid=export-list-download]").TextContent.Trim();
        var file = Path.Combine(Database.DataFolder, "exports", fileName);
        Assert.True(File.Exists(file));

        // "Keep it" keeps both.
        await page.InvokeAsync(() => page.Find("[data-testid=export-delete]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"Delete export '{fileName}'?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("tiny · sft · alpaca", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click());
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete export", dialogs.Markup, StringComparison.Ordinal));
        Assert.True(File.Exists(file));
        Assert.Single(await Database.Get<ExportJobStore>().ListAsync());

        await page.InvokeAsync(() => page.Find("[data-testid=export-delete]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"Delete export '{fileName}'?", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=export-row]")));
        Assert.False(File.Exists(file));
        Assert.Empty(await Database.Get<ExportJobStore>().ListAsync());
    }

    [Fact]
    public async Task A_failed_export_shows_its_message_in_the_list()
    {
        await FinishedRunAsync();
        var store = Database.Get<ExportJobStore>();
        var job = await store.CreateAsync(new ExportRequest { Runs = ["gone"], Kind = ExportKind.Sft, Format = "alpaca" }, bundle: false);
        await Database.Get<ExportJobRunner>().RunAsync(job.Id, CancellationToken.None);
        Render<MudPopoverProvider>();

        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();

        page.WaitForAssertion(() => page.Find("[data-testid=export-row]"));
        var row = page.Find("[data-testid=export-row]");
        Assert.StartsWith("failed", row.QuerySelector("[data-testid=export-state]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("There is no run named 'gone'.", row.QuerySelector("[data-testid=export-message]")!.TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=export-list-download]"));
    }

    [Fact]
    public async Task A_bad_parameter_is_refused_in_place_naming_it_and_queues_nothing()
    {
        await FinishedRunAsync();
        Render<MudPopoverProvider>();
        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-start]"));
        Services.GetRequiredService<ExportPageState>().Parameters.ValidationSplit = 1.5;

        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());

        page.WaitForAssertion(() => Assert.Contains("--validation-split must be between 0 and 1", page.Find("[data-testid=export-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await Database.Get<ExportJobStore>().ListAsync());
    }

    [Fact]
    public async Task Rl_prompts_hide_the_response_filters_and_export_a_bundle_with_the_reward_clients()
    {
        await FinishedRunAsync();
        Render<MudPopoverProvider>();
        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-start]"));
        Assert.Contains("Min judge score", page.Markup, StringComparison.Ordinal);
        var parameters = Services.GetRequiredService<ExportPageState>().Parameters;
        parameters.MinJudgeScore = 8;

        await page.InvokeAsync(() =>
        {
            parameters.ChangeKind(ExportKind.Rl);
            parameters.Bundle = true;
            page.Render();
        });

        page.WaitForAssertion(() => Assert.DoesNotContain("Min judge score", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Include human-rejected", page.Markup, StringComparison.Ordinal);
        Assert.Equal(ExportFormats.Verl, parameters.Format);
        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=export-list-download]"));
        var file = Path.Combine(Database.DataFolder, "exports", page.Find("[data-testid=export-list-download]").TextContent.Trim());
        using var zip = System.IO.Compression.ZipFile.OpenRead(file);
        Assert.Contains("data/train-00000-of-00001.parquet", zip.Entries.Select(e => e.FullName));
        Assert.Contains("reward/autoif_reward.py", zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task Keep_reasoning_is_offered_for_sft_and_its_file_carries_the_reasoning_before_the_answer()
    {
        await using (var db = Database.CreateContext())
        {
            await AutoIF.Tests.Export.ReasoningRun.SeedAsync(db);
        }
        Render<MudPopoverProvider>();
        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-include-reasoning]"));

        await page.InvokeAsync(() => page.Find("input[data-testid=export-include-reasoning], [data-testid=export-include-reasoning] input").Change(true));
        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=export-download]"));
        var link = page.Find("[data-testid=export-download]").GetAttribute("href")!;
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Database.DataFolder, "exports", link["/api/exports/".Length..])));
        Assert.Equal(AutoIF.Tests.Export.ReasoningRun.WithReasoning, Assert.Single(rows.RootElement.EnumerateArray()).GetProperty("output").GetString());
        await page.InvokeAsync(() => Services.GetRequiredService<ExportPageState>().Parameters.ChangeKind(ExportKind.Dpo));
        page.Render();
        Assert.Empty(page.FindAll("[data-testid=export-include-reasoning]"));
    }

    private async Task FinishedRunAsync()
    {
        var runs = Database.Get<RunService>();
        var run = await runs.CreateAsync("tiny", RunSettingsEditor.Apply(new RunSettings(), [new("Augment:Rounds", "1"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "2")]));
        await runs.MarkQueuedAsync(run.Id);
        Assert.Equal(RunStatus.Completed, await Database.Get<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None));
    }

    /// <summary>The Export page on a finished run, with a benchmark uploaded that holds every seed of the default set.</summary>
    private async Task<IRenderedComponent<AutoIF.Web.Components.Pages.Export.Export>> PageWithSeedsBenchmarkUploadedAsync()
    {
        await FinishedRunAsync();
        // Every seed of the default set, each in a benchmark prompt of its own, as IFEval words its instructions into prompts.
        var benchmark = string.Join('\n', BuiltInSeeds.Load(SeedSets.Default).Select(seed => JsonSerializer.Serialize(new { prompt = "Write about the sea. " + seed })));
        Render<MudPopoverProvider>();
        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-start]"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(benchmark, "seeds-benchmark.jsonl"));
        page.WaitForAssertion(() => Assert.Contains("seeds-benchmark.jsonl", page.Markup, StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task A_benchmark_holding_the_runs_seeds_lists_them_as_matching_instructions()
    {
        var page = await PageWithSeedsBenchmarkUploadedAsync();

        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=contaminated-instructions]"), TimeSpan.FromSeconds(30));
        Assert.Contains("Contamination against seeds-benchmark.jsonl", page.Find("[data-testid=contamination]").TextContent, StringComparison.Ordinal);
        var rows = page.FindAll("[data-testid=contaminated-instructions] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("equal", row.Children[2].TextContent.Trim()));
        Assert.All(rows, row => Assert.Contains(row.Children[1].TextContent.Trim(), BuiltInSeeds.Load(SeedSets.Default)));
    }

    [Fact]
    public async Task The_uploaded_benchmark_stays_for_the_next_export_and_each_export_checks_against_it()
    {
        var page = await PageWithSeedsBenchmarkUploadedAsync();

        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=export-row]")));
        // Another format, with nothing uploaded again.
        Services.GetRequiredService<ExportPageState>().Parameters.Format = "sharegpt";
        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());

        var store = Database.Get<ExportJobStore>();
        var done = await Poll.UntilAsync(() => store.ListAsync(), exports => exports.Count == 2 && exports.All(e => e.State == ExportJobState.Done), TimeSpan.FromMinutes(1));
        Assert.All(done, export => Assert.Equal("seeds-benchmark.jsonl", export.Contamination?.Benchmark));
        Assert.All(done, export => Assert.NotEmpty(export.Contamination!.InstructionMatches));
        Assert.Equal(["alpaca", "sharegpt"], done.Select(e => e.Summary.Split(" · ")[2]).Order());
        // The form still holds the upload, and the jobs removed only their own copies.
        Assert.Contains("seeds-benchmark.jsonl", page.Markup, StringComparison.Ordinal);
        var staged = Services.GetRequiredService<ExportPageState>().Parameters.Benchmark!;
        Assert.True(File.Exists(staged));
        var uploadFolder = Path.GetDirectoryName(staged)!;
        Assert.Equal([uploadFolder], Directory.GetDirectories(Path.GetDirectoryName(uploadFolder)!));
    }
}
