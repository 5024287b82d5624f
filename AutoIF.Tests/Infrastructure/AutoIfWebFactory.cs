using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// The whole web app in-process on a fresh SQLite data folder, with its Hangfire server; or on a folder the test owns,
/// so a second host on it is the app restarted.
/// </summary>
public sealed class AutoIfWebFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _data;
    private readonly bool _ownsData;
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    // The one public constructor, parameterless, as xunit's class fixtures need.
    public AutoIfWebFactory()
        : this(new TempFolder("autoif-web"), ownsData: true)
    {
    }

    private AutoIfWebFactory(TempFolder data, bool ownsData)
    {
        _data = data;
        _ownsData = ownsData;
    }

    /// <summary>The app on <paramref name="data"/>, which the test owns and removes: a second one on it is a restart.</summary>
    public static AutoIfWebFactory On(TempFolder data) => new(data, ownsData: false);

    public string DataFolder => _data.Path;

    public AutoIfWebFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes the app's services after its own registrations (a test's view into the host's start).</summary>
    public AutoIfWebFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
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
        foreach (var configure in _services)
        {
            builder.ConfigureServices(configure);
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
