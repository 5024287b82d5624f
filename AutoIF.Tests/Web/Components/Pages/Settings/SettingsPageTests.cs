using AutoIF.Tests.Infrastructure;
using Bunit;

namespace AutoIF.Tests.Web.Components.Pages.Settings;

public class SettingsPageTests : PageTestContext
{
    [Fact]
    public void Shows_the_sandbox_status_and_the_data_folder()
    {
        var page = Render<AutoIF.Web.Components.Pages.Settings.Settings>();

        page.WaitForAssertion(() => Assert.Contains("bubblewrap", page.Find("[data-testid=sandbox-status]").TextContent, StringComparison.Ordinal));
        Assert.Contains(Database.DataFolder, page.Find("[data-testid=data-folder]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_writes_the_endpoint_to_the_settings_file_but_never_a_key()
    {
        var page = Render<AutoIF.Web.Components.Pages.Settings.Settings>();

        await page.InvokeAsync(() => page.Find("input[data-testid=Supervision-base-url]").Change("http://127.0.0.1:9/v1"));
        await page.InvokeAsync(() => page.Find("input[data-testid=Supervision-model]").Change("qwen2-72b"));
        await page.InvokeAsync(() => page.Find("[data-testid=save-llm]").Click());

        var file = Path.Combine(Database.DataFolder, "settings.json");
        page.WaitForAssertion(() => Assert.True(File.Exists(file)));
        var json = File.ReadAllText(file);
        Assert.Contains("qwen2-72b", json, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiKey", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_to_a_dead_endpoint_shows_the_error()
    {
        var page = Render<AutoIF.Web.Components.Pages.Settings.Settings>();

        await page.InvokeAsync(() => page.Find("input[data-testid=Supervision-base-url]").Change("http://127.0.0.1:9/v1"));
        await page.InvokeAsync(() => page.Find("input[data-testid=Supervision-model]").Change("m"));
        await page.InvokeAsync(() => page.Find("[data-testid=Supervision-test]").Click());

        page.WaitForAssertion(() => Assert.Contains("mud-alert-text-error", page.Find("[data-testid=Supervision-test-result]").OuterHtml, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }
}
