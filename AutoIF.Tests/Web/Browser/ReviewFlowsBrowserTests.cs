using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace AutoIF.Tests.Web.Browser;

/// <summary>
/// The review pages in Debian Chromium against the built app on SQLite, with a known demo run written into the app's
/// database after it started (the full demo pipeline joins these flows once the Queries stage lands).
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReviewFlowsBrowserTests(BrowserFixture browser)
{
    private static async Task<(AppProcess App, IPage Page, SeededReviewData Data, TempFolder Folder)> StartAsync(BrowserFixture browser)
    {
        var folder = new TempFolder("autoif-review-browser");
        var app = await AppProcess.StartWebAsync(folder.Path);
        var data = await ReviewDataSeeder.SeedAsync(new SqliteFileContextFactory(folder.Path), fillerInstructions: 30);
        SqliteConnection.ClearAllPools();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        return (app, page, data, folder);
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"review-{name}.png"), FullPage = true });

    [Fact]
    public async Task A_user_filters_the_instructions_opens_one_and_reads_the_matrix()
    {
        var (app, page, data, folder) = await StartAsync(browser);
        await using (app)
        using (folder)
        {
            await page.OpenAsync("/instructions");
            await Assertions.Expect(page.GetByTestId("match-count")).ToContainTextAsync("33 instructions match");

            await Field(page, "search").FillAsync("fewer than 40");
            await Field(page, "search").PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("match-count")).ToContainTextAsync("1 instructions match");
            Assert.Contains("q=fewer", page.Url, StringComparison.Ordinal);
            await ShotAsync(page, "instructions-filtered");

            await page.GetByTestId("instruction-link").First.ClickAsync();
            await page.WaitForURLAsync($"**/instructions/{data.KeptInstructionId}");
            await Assertions.Expect(page.GetByTestId("matrix")).ToBeVisibleAsync();
            await page.Locator("[data-verdict=Error]").ClickAsync();
            await Assertions.Expect(page.GetByTestId("cell-detail")).ToContainTextAsync(ReviewDataSeeder.ErrorDetail);
            await Assertions.Expect(page.Locator(".py-kw").First).ToHaveTextAsync("def");
            await ShotAsync(page, "instruction-matrix");
        }
    }

    [Fact]
    public async Task A_user_rejects_a_kept_verifier_by_keyboard_and_the_dashboard_shows_the_override()
    {
        var (app, page, _, folder) = await StartAsync(browser);
        await using (app)
        using (folder)
        {
            // The link from a run ("spot-check what the filter kept") pre-selects the status.
            await page.OpenAsync("/spot-check?status=Kept");
            await page.GetByTestId("spot-start").ClickAsync();
            await Assertions.Expect(page.GetByTestId("queue-position")).ToContainTextAsync("Item 1 of 1");
            await Field(page, "spot-note").FillAsync("passes empty answers");
            await page.GetByTestId("spot-card").FocusAsync();
            await page.Keyboard.PressAsync("r");
            await Assertions.Expect(page.GetByText("Queue done")).ToBeVisibleAsync();
            await ShotAsync(page, "spot-check-done");

            await page.OpenAsync("/");
            await Assertions.Expect(page.GetByTestId("agreement-summary")).ToContainTextAsync("overturned 1");
            await Assertions.Expect(page.GetByTestId("kept-after-review")).ToContainTextAsync("kept verifiers: 1 → 0");
            await ShotAsync(page, "dashboard-override");

            await page.OpenAsync("/failing-verifiers?kind=DisagreedWithCases");
            await Assertions.Expect(page.GetByTestId("failing-table")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task A_user_tries_a_verifier_in_the_playground_and_sees_the_verdict_as_they_type()
    {
        var (app, page, data, folder) = await StartAsync(browser);
        await using (app)
        using (folder)
        {
            await page.OpenAsync($"/playground?verifier={data.GoodVerifierId}");
            await Assertions.Expect(Field(page, "source")).ToHaveValueAsync(ReviewDataSeeder.GoodSource);

            await Field(page, "response-text").PressSequentiallyAsync("Paris is lovely.");
            await Assertions.Expect(page.GetByTestId("verdict")).ToContainTextAsync("passes (True)");

            await Field(page, "response-text").FillAsync(string.Join(' ', Enumerable.Repeat("word", 45)));
            await Assertions.Expect(page.GetByTestId("verdict")).ToContainTextAsync("fails (False)");
            await ShotAsync(page, "playground");
        }
    }
}
