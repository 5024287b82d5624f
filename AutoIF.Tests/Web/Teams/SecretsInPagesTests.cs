using System.Net;
using System.Net.Http.Headers;
using AutoIF.Core.Export;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Web.Jobs;
using AutoIF.Web.Teams;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Teams;

/// <summary>Every page and GET API the app maps, opened by an admin on a finished demo run, carries none of the app's secrets.</summary>
public class SecretsInPagesTests
{
    private const string ApiKey = "sk-test-SECRET-0123456789abcdef";
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task No_page_shows_the_api_key_a_token_or_a_password_or_token_hash()
    {
        await using var factory = new AutoIfWebFactory().With("Llm:Supervision:ApiKey", ApiKey);
        using (var warm = factory.CreateClient())
        {
            await warm.GetAsync("/health/live");
        }
        string token;
        string passwordHash;
        string tokenHash;
        int runId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            await admin.AddAsync("ada", TeamRoles.Admin, Password);
            token = await admin.TokenAsync("ada", expiresInDays: 30);
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync("ada");
            passwordHash = user!.PasswordHash!;
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync();
            tokenHash = (await db.ApiTokens.SingleAsync(t => t.UserId == user.Id)).Hash;
            runId = (await FinishedDemoRun.CreateAsync(scope.ServiceProvider, "secrets-demo")).Id;
        }
        // The secrets are what the test thinks they are: Identity's v3 hash, and a token the app takes.
        Assert.StartsWith("AQAAAA", passwordHash, StringComparison.Ordinal);
        Assert.NotEqual(token, tokenHash);

        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var paths = await DemoRunPathsAsync(factory.Services, runId);
        Assert.Contains($"/runs/{runId}", paths);
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound) || path == "/not-found",
                $"GET {path}: the admin did not get the page ({(int)response.StatusCode})");
            foreach (var (what, secret) in new[] { ("the API key", ApiKey), ("the API token", token), ("the password hash", passwordHash), ("a password hash", "AQAAAA"), ("the token hash", tokenHash) })
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"GET {path} shows {what}");
            }
        }
        // The run page did render the run, so its settings were on the page to leak.
        Assert.Contains("secrets-demo", await client.GetStringAsync($"/runs/{runId}"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every GET route the app maps (<see cref="AppRoutes"/>), with its parameters filled from the demo run, and /jobs
    /// (Hangfire's dashboard is middleware). A route with a parameter this does not know fails the test, so a new page
    /// is scanned from the day it is added.
    /// </summary>
    private static async Task<List<string>> DemoRunPathsAsync(IServiceProvider services, int runId)
    {
        int instructionId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync())
        {
            instructionId = await db.Instructions.Where(i => i.RunId == runId).OrderBy(i => i.Status == AutoIF.Core.Domain.ItemStatus.Kept ? 0 : 1).ThenBy(i => i.Id).Select(i => i.Id).FirstAsync();
        }
        // A finished export file of the run, as the Export page's job writes it.
        var exportQuery = new Dictionary<string, string> { ["run"] = "secrets-demo", ["kind"] = "sft", ["format"] = "alpaca" };
        var request = ExportParameters.Parse(name => exportQuery.TryGetValue(name, out var value) ? [value] : []).ToRequest();
        var exportFile = "secrets-demo-sft.jsonl";
        var folder = services.GetRequiredService<AutoIF.Web.Services.ExportFiles>().Folder;
        Directory.CreateDirectory(folder);
        await services.GetRequiredService<ExportToFile>().WriteAsync(request, Path.Combine(folder, exportFile), bundle: false);

        var paths = new List<string> { "/jobs" };
        foreach (var (_, pattern) in AppRoutes.Of(services).Where(r => r.Method == "GET"))
        {
            var path = pattern switch
            {
                "/api/export" => "/api/export?" + string.Join('&', exportQuery.Select(q => $"{q.Key}={q.Value}")),
                _ => pattern.Replace("/instructions/{Id:int}", $"/instructions/{instructionId}", StringComparison.Ordinal)
                    .Replace("/runs/{Id:int}", $"/runs/{runId}", StringComparison.Ordinal)
                    .Replace("{name}", "secrets-demo", StringComparison.Ordinal)
                    .Replace("{fileName}", exportFile, StringComparison.Ordinal),
            };
            Assert.False(path.Contains('{', StringComparison.Ordinal), $"GET {pattern}: the test does not know how to fill this route's parameters from the demo run; add it here");
            paths.Add(path);
        }
        return paths;
    }
}
