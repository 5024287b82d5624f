using System.Text.Json;
using AutoIF.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AutoIF.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public class RunAndExportBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_user_creates_and_starts_a_demo_run_watches_it_finish_and_downloads_its_sft_export()
    {
        using var data = new TempFolder("autoif-browser");
        await using var app = await AppProcess.StartWebAsync(data.Path);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.OpenAsync("/runs");
        await page.GetByRole(AriaRole.Button, new() { Name = "New run" }).ClickAsync();
        await page.Locator("input[data-testid=run-name]").FillAsync("browser-run");
        await page.Locator("input[data-setting='Augment:Rounds']").FillAsync("1");
        await page.Locator("input[data-setting='Compose:QueriesPerInstruction']").FillAsync("2");
        await page.Locator("input[data-setting='Responses:Samples']").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and start" }).ClickAsync();

        // The list refreshes itself while the Hangfire job runs the pipeline.
        var row = page.Locator("[data-testid=run-table] tr", new() { HasText = "browser-run" });
        await Assertions.Expect(row.Locator("[data-status=Completed]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "runs-completed.png") });

        await row.GetByRole(AriaRole.Link, new() { Name = "browser-run" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=funnel]")).ToContainTextAsync("cross-validated");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "run-detail.png"), FullPage = true });

        await page.OpenAsync("/export");
        await page.Locator("[data-testid=export-start]").ClickAsync();
        var link = page.Locator("[data-testid=export-download]");
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "export.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var saved = Path.Combine(data.Path, download.SuggestedFilename);
        await download.SaveAsAsync(saved);

        Assert.StartsWith("browser-run-sft-alpaca", download.SuggestedFilename, StringComparison.Ordinal);
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(saved));
        Assert.NotEqual(0, rows.RootElement.GetArrayLength());
        var first = rows.RootElement[0];
        Assert.Equal("", first.GetProperty("input").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("instruction").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("output").GetString()));
    }
}
