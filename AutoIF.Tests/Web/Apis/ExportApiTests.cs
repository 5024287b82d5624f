using System.Net;
using System.Text.Json;
using AutoIF.Tests.Export;
using AutoIF.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Apis;

/// <summary><c>/api/export</c> on the whole app: parameters named like the CLI flags, a bad one refused naming it.</summary>
public class ExportApiTests
{
    [Theory]
    [InlineData("run=r&kind=sft&format=alpaca&min-accuracy=high", "'min-accuracy' must be a number, got 'high'.")]
    [InlineData("run=r&kind=sft&format=alpaca&split=test", "'split' must be one of train, validation, got 'test'.")]
    [InlineData("kind=sft&format=alpaca", "Name at least one run ('run=NAME').")]
    [InlineData("run=r&kind=sft&format=alpaca&validation-split=2", "--validation-split must be between 0 and 1")]
    [InlineData("run=nope&kind=sft&format=alpaca", "There is no run named 'nope'.")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string message)
    {
        await using var app = new AutoIfWebFactory();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri($"/api/export?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_serves_a_file_of_the_exports_folder_by_its_name_and_nothing_outside_it()
    {
        await using var app = new AutoIfWebFactory();
        using var client = app.CreateClient();
        var folder = app.Services.GetRequiredService<AutoIF.Web.Services.ExportFiles>().Folder;
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(folder, "rows.jsonl"), "{\"instruction\":\"ok\"}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "nested.jsonl"), "nested\n");
        await File.WriteAllTextAsync(Path.Combine(app.DataFolder, "outside.txt"), "OUTSIDE-THE-EXPORTS-FOLDER");
        File.CreateSymbolicLink(Path.Combine(folder, "linked.jsonl"), Path.Combine(app.DataFolder, "outside.txt"));

        using var served = await client.GetAsync(new Uri("/api/exports/rows.jsonl", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("{\"instruction\":\"ok\"}\n", await served.Content.ReadAsStringAsync());
        // The database and a file beside the exports folder, by every spelling of "up one folder" and through a link, and a file in a subfolder.
        foreach (var name in new[] { "..%2Foutside.txt", "%2E%2E%2Foutside.txt", "..%5Coutside.txt", "..%2Fautoif.db", "sub%2Fnested.jsonl", "%2Fetc%2Fpasswd", "..", "%2E%2E", "linked.jsonl" })
        {
            using var refused = await client.GetAsync(new Uri($"/api/exports/{name}", UriKind.Relative));
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"/api/exports/{name}: {(int)refused.StatusCode}");
            Assert.DoesNotContain("OUTSIDE-THE-EXPORTS-FOLDER", body, StringComparison.Ordinal);
            Assert.DoesNotContain("nested", body, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite format", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", ReasoningRun.Answer)]
    [InlineData("&include-reasoning=true", ReasoningRun.WithReasoning)]
    public async Task Include_reasoning_keeps_the_reasoning_before_the_answer(string parameter, string expected)
    {
        await using var app = new AutoIfWebFactory();
        await using (var database = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = app.DataFolder }))
        await using (var db = database.CreateContext())
        {
            await ReasoningRun.SeedAsync(db);
        }
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri($"/api/export?run={ReasoningRun.Name}&kind=sft&format=alpaca{parameter}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(expected, row.GetProperty("output").GetString());
    }
}

