using AutoIF.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AutoIF.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public class NavigationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_user_visits_every_page_through_the_menu_and_sees_the_seed_list()
    {
        using var data = new TempFolder("autoif-browser");
        await using var app = await AppProcess.StartWebAsync(data.Path);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });

        await page.OpenAsync("/");
        await Assertions.Expect(page.GetByText("AutoIF Studio").First).ToBeVisibleAsync();

        var menu = new (string Link, string Heading, string Path)[]
        {
            ("Runs", "Runs", "/runs"), ("Seeds", "Seed instructions", "/seeds"), ("Instructions", "Instructions", "/instructions"),
            ("Failing verifiers", "Failing verifiers", "/failing-verifiers"), ("Spot-check", "Spot-check", "/spot-check"),
            ("Playground", "Playground", "/playground"), ("Export", "Export", "/export"), ("Settings", "Settings", "/settings"),
            ("Dashboard", "Dashboard", "/"),
        };
        foreach (var (link, heading, path) in menu)
        {
            await page.Locator("nav, .mud-navmenu").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Uri(app.BaseAddress, path).ToString());
            await Assertions.Expect(page.Locator(".mud-main-content").GetByText(heading, new() { Exact = true }).First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"menu{path.Replace('/', '-')}.png") });
        }

        await page.GotoAsync("/seeds");
        // Both built-in sets, the default first.
        await Assertions.Expect(page.GetByText("Begin every word of the reply with the same letter.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Answer in fewer than 50 words.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("84 seeds")).ToBeVisibleAsync();

        // The Hangfire dashboard is served to this machine.
        var jobs = await page.GotoAsync("/jobs");
        Assert.Equal(200, jobs!.Status);
    }

    [Fact]
    public async Task A_user_adds_a_seed_and_finds_it_with_the_search_box()
    {
        using var data = new TempFolder("autoif-browser");
        await using var app = await AppProcess.StartWebAsync(data.Path);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });
        await page.OpenAsync("/seeds");
        await Assertions.Expect(page.GetByText("84 seeds")).ToBeVisibleAsync();

        await page.GetByLabel("New seed").FillAsync("Mention exactly one animal.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        await Assertions.Expect(page.GetByText("85 seeds")).ToBeVisibleAsync();
        await page.GetByPlaceholder("Search").FillAsync("animal");
        await Assertions.Expect(page.Locator(".seed-text")).ToHaveTextAsync(["Mention exactly one animal."]);
        // It went into the default set, the one the "Into set" field names.
        await Assertions.Expect(page.Locator("[data-testid=seed-set]")).ToHaveTextAsync(["autoif"]);
    }
}
