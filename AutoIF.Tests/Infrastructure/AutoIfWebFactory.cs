using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AutoIF.Tests.Infrastructure;

/// <summary>The whole web app in-process on a fresh SQLite data folder, with its Hangfire server.</summary>
public sealed class AutoIfWebFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new("autoif-web");
    private readonly Dictionary<string, string?> _settings = [];

    public string DataFolder => _data.Path;

    public AutoIfWebFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataFolder", _data.Path);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // The host set Hangfire's process-wide log provider to its own, now disposed, logger factory.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
