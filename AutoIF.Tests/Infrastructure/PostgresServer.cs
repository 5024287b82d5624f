namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// A <see cref="ThrowawayPostgres"/> as an xunit fixture: started before the first test of the class, stopped after
/// the last.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private ThrowawayPostgres? _server;

    private ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public string ConnectionString(string database) => Server.ConnectionString(database);

    /// <summary>The app's configuration for storing everything in <paramref name="database"/> on this server.</summary>
    public Dictionary<string, string?> StorageSettings(string database) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:AutoIF"] = ConnectionString(database),
    };

    public async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync("this test", CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
