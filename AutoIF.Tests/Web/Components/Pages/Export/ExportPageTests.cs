using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using Bunit;
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
        page.Find("[data-testid=export-start]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=export-download]"));
        var link = page.Find("[data-testid=export-download]").GetAttribute("href")!;
        var file = Path.Combine(Database.DataFolder, "exports", link["/api/exports/".Length..]);
        Assert.True(File.Exists(file));
        // alpaca defaults to a JSON array, as LLaMA-Factory reads it.
        using var rows = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.NotEqual(0, rows.RootElement.GetArrayLength());
        Assert.False(string.IsNullOrEmpty(rows.RootElement[0].GetProperty("output").GetString()));
    }
}
