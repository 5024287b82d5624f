using Microsoft.Playwright;

namespace AutoIF.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Navigates and waits until the Blazor circuit is live; input typed into the prerendered page would be lost.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
    }
}
