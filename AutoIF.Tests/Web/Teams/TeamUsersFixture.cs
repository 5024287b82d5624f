using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Teams;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Teams;

/// <summary>The app with three users, one per role, each with a password and an API token (made by the CLI's own service).</summary>
public class TeamUsersFixture : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";

    public AutoIfWebFactory Factory { get; private set; } = null!;

    public Dictionary<string, string> Tokens { get; } = [];

    /// <summary>The app on SQLite; a subclass puts it on other storage.</summary>
    protected virtual Task<AutoIfWebFactory> CreateFactoryAsync() => Task.FromResult(new AutoIfWebFactory());

    public virtual async Task InitializeAsync()
    {
        Factory = (await CreateFactoryAsync()).With("Security:MaxFailedSignIns", "3");
        // The first request migrates the database.
        using (var client = Factory.CreateClient())
        {
            await client.GetAsync("/health/live");
        }
        await using var scope = Factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        foreach (var role in TeamRoles.All)
        {
            await admin.AddAsync(role + "-user", role, Password);
            Tokens[role] = await admin.TokenAsync(role + "-user", expiresInDays: 30);
        }
    }

    /// <summary>A client that does not follow redirects, so a redirect to the sign-in page shows as one.</summary>
    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
