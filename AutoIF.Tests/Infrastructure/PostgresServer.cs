using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server (Debian's postgresql package) started by the test itself: initdb into a temp folder,
/// listening on a free loopback port, run as the 'postgres' user because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly TempFolder _folder = new("autoif-pg");
    private Process? _server;

    public int Port { get; private set; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <summary>The app's configuration for storing everything in <paramref name="database"/> on this server.</summary>
    public Dictionary<string, string?> StorageSettings(string database) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:AutoIF"] = ConnectionString(database),
    };

    public async Task InitializeAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL tests need Debian's PostgreSQL server: run `apt-get install -y postgresql` (./test.sh does this).");
        }
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        await RunAsync("chown", "-R", "postgres:postgres", _folder.Path);
        await RunAsync("chmod", "755", _folder.Path);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", data, "--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8");

        Port = FreePort();
        _server = Process.Start(new ProcessStartInfo("runuser")
        {
            ArgumentList = { "-u", "postgres", "--", Path.Combine(bin, "postgres"), "-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-k", _folder.Path, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        // Ready means a query answers: PostgreSQL accepts connections on its port before it has finished starting up
        // ("the database system is starting up"), so an open port followed by a guessed pause is not enough on a busy machine.
        var limit = TimeSpan.FromSeconds(60);
        var started = Stopwatch.GetTimestamp();
        Exception? last = null;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited at start with code {_server.ExitCode}.");
            }
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or SocketException)
            {
                last = ex;
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"PostgreSQL did not answer a query within {limit.TotalSeconds:0} s: {last?.Message}", last);
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {output}");
        }
    }
}
