using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using Bunit;

namespace AutoIF.Tests.Web.Components.Pages.Settings;

/// <summary>The configured API key must reach only the configured server, never a URL typed into the form.</summary>
public class TestConnectionKeyTests : PageTestContext
{
    private const string Key = "sk-configured-secret";
    private FakeOpenAiServer _configured = null!;
    private FakeOpenAiServer _typed = null!;

    public override async Task InitializeAsync()
    {
        _configured = await FakeOpenAiServer.StartAsync();
        _typed = await FakeOpenAiServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Llm:Mode"] = "Endpoint",
        ["Llm:Supervision:BaseUrl"] = _configured.BaseUrl.ToString(),
        ["Llm:Supervision:Model"] = "m",
        ["Llm:Supervision:ApiKey"] = Key,
    };

    [Fact]
    public async Task A_typed_url_gets_no_key_and_the_configured_server_gets_it()
    {
        var page = Render<AutoIF.Web.Components.Pages.Settings.Settings>();

        await page.InvokeAsync(() => page.Find("input[data-testid=Supervision-base-url]").Change(_typed.BaseUrl.ToString()));
        await page.InvokeAsync(() => page.Find("[data-testid=Supervision-test]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=Supervision-test-result]"));

        Assert.NotEmpty(_typed.Requests);
        Assert.All(_typed.Requests, r => Assert.DoesNotContain(Key, r.Authorization ?? "", StringComparison.Ordinal));

        await page.InvokeAsync(() => page.Find("input[data-testid=Supervision-base-url]").Change(_configured.BaseUrl.ToString()));
        await page.InvokeAsync(() => page.Find("[data-testid=Supervision-test]").Click());
        page.WaitForAssertion(() => Assert.Contains(_configured.Requests, r => r.Authorization == "Bearer " + Key));
        Assert.DoesNotContain(Key, page.Markup, StringComparison.Ordinal);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _configured.DisposeAsync();
        await _typed.DisposeAsync();
    }
}
