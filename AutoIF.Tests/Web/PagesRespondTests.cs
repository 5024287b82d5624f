using System.Net;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web;

public class PagesRespondTests : IClassFixture<AutoIfWebFactory>
{
    private readonly AutoIfWebFactory _factory;

    public PagesRespondTests(AutoIfWebFactory factory) => _factory = factory;

    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Dashboard" },
        { "/runs", "Runs" },
        { "/seeds", "Seed instructions" },
        { "/instructions", "Instructions" },
        { "/failing-verifiers", "Failing verifiers" },
        { "/spot-check", "Spot-check" },
        { "/playground", "Playground" },
        { "/export", "Export" },
        { "/settings", "Settings" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_answers_200_with_its_title(string path, string title)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_page_lists_both_built_in_seed_sets_on_first_start()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync("/seeds");

        Assert.Contains("Begin every word of the reply with the same letter.", html, StringComparison.Ordinal);
        Assert.Contains("Answer in fewer than 50 words.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_dashboard_refuses_requests_not_known_to_come_from_this_machine()
    {
        // The test server's requests carry no remote address; only loopback callers may see /jobs (the browser test covers that).
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
