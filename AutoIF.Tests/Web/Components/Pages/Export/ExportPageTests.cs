using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using System.Text.Json;
using AutoIF.Core.Seeds;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AutoIF.Tests.Web.Components.Pages.Export;

public class ExportPageTests : PageTestContext
{
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
    }

    [Fact]
    public async Task A_benchmark_holding_the_runs_seeds_lists_them_as_matching_instructions()
    {
        var runs = Database.Get<RunService>();
        var run = await runs.CreateAsync("tiny", RunSettingsEditor.Apply(new RunSettings(), [new("Augment:Rounds", "1"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "2")]));
        await runs.MarkQueuedAsync(run.Id);
        Assert.Equal(RunStatus.Completed, await Database.Get<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None));
        // Every seed of the default set, each in a benchmark prompt of its own, as IFEval words its instructions into prompts.
        var benchmark = string.Join('\n', BuiltInSeeds.Load(SeedSets.Default).Select(seed => JsonSerializer.Serialize(new { prompt = "Write about the sea. " + seed })));
        Render<MudPopoverProvider>();

        var page = Render<AutoIF.Web.Components.Pages.Export.Export>();
        page.WaitForAssertion(() => page.Find("[data-testid=export-start]"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(benchmark, "seeds-benchmark.jsonl"));
        page.WaitForAssertion(() => Assert.Contains("seeds-benchmark.jsonl", page.Markup, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.Find("[data-testid=export-start]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=contaminated-instructions]"), TimeSpan.FromSeconds(30));
        Assert.Contains("Contamination against seeds-benchmark.jsonl", page.Find("[data-testid=contamination]").TextContent, StringComparison.Ordinal);
        var rows = page.FindAll("[data-testid=contaminated-instructions] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("equal", row.Children[2].TextContent.Trim()));
        Assert.All(rows, row => Assert.Contains(row.Children[1].TextContent.Trim(), BuiltInSeeds.Load(SeedSets.Default)));
    }
}
