using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AutoIF.Tests.Web.Teams;
using AutoIF.Web.UseCases;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Apis;

/// <summary>The runs API over HTTP with the users' tokens: what a lab's script sees, and what the run's audit list then says.</summary>
public class RunsApiTests(TeamUsersFixture fixture) : IClassFixture<TeamUsersFixture>
{
    private HttpClient Client(string role)
    {
        var client = fixture.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens[role]);
        return client;
    }

    [Fact]
    public async Task An_admin_creates_a_run_with_settings_a_viewer_reads_its_status_and_the_audit_list_names_the_admin()
    {
        using var admin = Client("admin");
        using var created = await admin.PostAsJsonAsync("/api/runs", new { name = "api-made", settings = new Dictionary<string, string> { ["Augment:Rounds"] = "3" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/runs/api-made", created.Headers.Location!.OriginalString);

        using var viewer = Client("viewer");
        using var status = JsonDocument.Parse(await viewer.GetStringAsync("/api/runs/api-made"));
        Assert.Equal("draft", status.RootElement.GetProperty("state").GetString());
        Assert.Equal("3", status.RootElement.GetProperty("settings").GetProperty("Augment:Rounds").GetString());

        // A draft is not running: cancelling it is refused with why, and nothing is recorded for it.
        using var cancel = await admin.PostAsync("/api/runs/api-made/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Contains("draft, not running", await cancel.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<RunControl>();
        var audit = await runs.AuditPageAsync((await runs.GetAsync("api-made")).Id);
        var entry = Assert.Single(audit.Rows);
        Assert.Equal(("admin-user", "create"), (entry.Actor, entry.Action));
    }

    [Fact]
    public async Task Starting_over_the_api_queues_the_run_and_answers_with_the_job()
    {
        using var admin = Client("admin");
        (await admin.PostAsJsonAsync("/api/runs", new { name = "api-started" })).EnsureSuccessStatusCode();

        using var started = await admin.PostAsync("/api/runs/api-started/start", null);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("job").GetString()));
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<RunControl>();
        var audit = await runs.AuditPageAsync((await runs.GetAsync("api-started")).Id);
        Assert.Equal(["start", "create"], audit.Rows.Select(r => r.Action));
        Assert.All(audit.Rows, r => Assert.Equal("admin-user", r.Actor));
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\": \"bad-settings\", \"settings\": {\"Augment:Roundz\": \"3\"}}", "settings")]
    [InlineData("{\"name\": \"bad-value\", \"settings\": {\"Augment:Rounds\": \"many\"}}", "settings")]
    public async Task A_bad_create_is_a_400_naming_the_field_and_makes_no_run(string json, string field)
    {
        using var admin = Client("admin");

        using var response = await admin.PostAsync("/api/runs", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem.RootElement}");
        Assert.NotEmpty(messages.EnumerateArray().Single().GetString()!);
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/runs"));
        Assert.DoesNotContain(list.RootElement.EnumerateArray(), r => r.GetProperty("name").GetString() is "bad-settings" or "bad-value");
    }

    [Fact]
    public async Task Importing_a_file_as_the_request_body_makes_the_run_and_a_bad_format_names_the_field()
    {
        using var admin = Client("admin");
        var file = "{\"query\": \"Write a haiku about rain.\"}\n{\"query\": \"Explain photosynthesis to a child.\"}\n";

        using var bad = await admin.PostAsync("/api/runs/api-imported/import?format=nosuch&file=q.jsonl", new StringContent(file));
        using var imported = await admin.PostAsync("/api/runs/api-imported/import?format=queries-jsonl&file=q.jsonl", new StringContent(file));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"format\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using var viewer = Client("viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/runs/api-imported")).StatusCode);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<RunControl>();
        var entry = Assert.Single((await runs.AuditPageAsync((await runs.GetAsync("api-imported")).Id)).Rows);
        Assert.Equal(("admin-user", "import"), (entry.Actor, entry.Action));
        Assert.Contains("q.jsonl", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_may_read_but_not_create_and_an_unknown_run_is_a_404()
    {
        using var viewer = Client("viewer");

        using var create = await viewer.PostAsJsonAsync("/api/runs", new { name = "viewer-made" });
        using var missing = await viewer.GetAsync("/api/runs/no-such-run");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-run", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
