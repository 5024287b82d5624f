using AutoIF.Core;
using AutoIF.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoIF.Tests.Infrastructure;

/// <summary>The app's Core services on a real SQLite file in a temp folder, migrated and seeded as on first start.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _folder;

    private TestDatabase(IHost host, TempFolder folder)
    {
        _host = host;
        _folder = folder;
    }

    public IServiceProvider Services => _host.Services;

    public string DataFolder => _folder.Path;

    public string SqlitePath => Get<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.SqlitePath;

    public IDbContextFactory<AutoIfDbContext> Contexts => Get<IDbContextFactory<AutoIfDbContext>>();

    public AutoIfDbContext CreateContext() => Contexts.CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="prepareDataFolder">Runs on the empty data folder before the app starts on it, e.g. to put an earlier release's database there.</param>
    public static async Task<TestDatabase> CreateAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, Action<string>? prepareDataFolder = null)
    {
        var folder = new TempFolder("autoif-db");
        prepareDataFolder?.Invoke(folder.Path);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.Path });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddAutoIfCore();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return new TestDatabase(host, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)_host).DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
