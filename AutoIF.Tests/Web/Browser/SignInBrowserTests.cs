using System.Text.RegularExpressions;
using AutoIF.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AutoIF.Tests.Web.Browser;

/// <summary>Signing in and out in real Chromium, against the app as a process, once the CLI has added an admin.</summary>
[Collection(BrowserCollection.Name)]
public partial class SignInBrowserTests(BrowserFixture browser)
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_a_wrong_password_stays_there_the_right_one_opens_the_page_asked_for_and_sign_out_ends_it()
    {
        using var data = new TempFolder("autoif-browser");
        var added = await AppProcess.RunCliWithInputAsync(data.Path, Password, "users", "add", "ada", "--role", "admin", "--password-stdin");
        Assert.True(added.ExitCode == 0, added.Output);
        await using var app = await AppProcess.StartWebAsync(data.Path);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });

        await page.GotoAsync("/seeds");
        await Assertions.Expect(page).ToHaveURLAsync(SignInPage());
        await Assertions.Expect(page.GetByText("Begin every word of the reply with the same letter.")).Not.ToBeVisibleAsync();

        await page.GetByLabel("User name").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("The user name or the password is wrong.");
        await Assertions.Expect(page).ToHaveURLAsync(SignInPage());

        await page.GetByLabel("User name").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await page.WaitForURLAsync(new Uri(app.BaseAddress, "/seeds").ToString());
        await Assertions.Expect(page.GetByText("Begin every word of the reply with the same letter.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("ada");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "signed-in-seeds.png") });

        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SignInPage());
        await page.GotoAsync("/settings");
        await Assertions.Expect(page).ToHaveURLAsync(SignInPage());
    }

    [GeneratedRegex(@"/signin(\?|$)")]
    private static partial Regex SignInPage();
}
