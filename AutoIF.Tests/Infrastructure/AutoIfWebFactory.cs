using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// The whole web app in-process on a fresh SQLite data folder, with its Hangfire server; or on a folder the test owns,
/// so a second host on it is the app restarted.
/// </summary>
public sealed class AutoIfWebFactory(TempFolder? dataFolder = null) : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = dataFolder ?? new("autoif-web");
    private readonly bool _ownsData = dataFolder is null;
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
        if (_ownsData)
        {
            _data.Dispose();
        }
    }
}
