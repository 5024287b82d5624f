using System.Net;
using System.Net.Http.Headers;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Web.Jobs;
using AutoIF.Web.Teams;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Teams;

/// <summary>Every page and GET API an admin can open, after a demo run, carries none of the app's secrets.</summary>
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
        var pages = RouteAccessTests.Routes.Where(r => r.Method == "GET").Select(r => r.Path == "/runs/1" ? $"/runs/{runId}" : r.Path)
            .Append($"/api/runs/secrets-demo").ToList();
        foreach (var path in pages)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect),
                $"GET {path}: the admin was not let in ({(int)response.StatusCode})");
            foreach (var (what, secret) in new[] { ("the API key", ApiKey), ("the API token", token), ("the password hash", passwordHash), ("a password hash", "AQAAAA"), ("the token hash", tokenHash) })
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"GET {path} shows {what}");
            }
        }
        // The run page did render the run, so its settings were on the page to leak.
        Assert.Contains("secrets-demo", await client.GetStringAsync($"/runs/{runId}"), StringComparison.Ordinal);
    }
}
