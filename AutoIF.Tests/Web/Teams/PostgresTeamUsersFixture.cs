using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.Teams;

/// <summary>The three users of <see cref="TeamUsersFixture"/>, with the app on a PostgreSQL server the fixture starts.</summary>
public sealed class PostgresTeamUsersFixture : TeamUsersFixture
{
    private readonly PostgresServer _postgres = new();

    protected override async Task<AutoIfWebFactory> CreateFactoryAsync()
    {
        await _postgres.InitializeAsync();
        var factory = new AutoIfWebFactory();
        foreach (var (key, value) in _postgres.StorageSettings("autoif_teams"))
        {
            factory.With(key, value);
        }
        return factory;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
