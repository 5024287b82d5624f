using Microsoft.Playwright;

namespace AutoIF.Tests.Infrastructure;

/// <summary>One headless Debian Chromium for the browser tests, driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian Chromium at {ChromiumPath}: run `apt-get install -y chromium` (./test.sh does this).");
        }
        Directory.CreateDirectory(ScreenshotFolder);
        // Expect(...) gives up after 5 s by default; a page of the app, which starts a Blazor circuit and reads SQLite,
        // can take longer on a loaded machine. The limit only stops a hang (Playwright's actions already wait 30 s).
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
