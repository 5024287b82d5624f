using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server (Debian's postgresql package): initdb into a temp folder, a free loopback port, run as
/// the 'postgres' user (PostgreSQL refuses root), fsync off. Stopped and its folder deleted on dispose. The tests'
/// <see cref="PostgresServer"/> fixture wraps it, and the benchmarks compile this file too (linked from AutoIF.Bench),
/// so it depends on nothing but Npgsql.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _server;

    private ThrowawayPostgres(string folder, Process server, int port, string version)
    {
        _folder = folder;
        _server = server;
        Port = port;
        Version = version;
    }

    public int Port { get; }

    /// <summary>The server's major version, as its bin folder names it.</summary>
    public string Version { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <param name="purpose">What needs the server ("the scale benchmark"), for the message when PostgreSQL is not installed.</param>
    public static async Task<ThrowawayPostgres> StartAsync(string purpose, CancellationToken cancellationToken)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException($"Debian's PostgreSQL server is not installed, and {purpose} needs it: run `apt-get install -y postgresql` (./test.sh does this).");
        }
        var folder = Path.Combine(Path.GetTempPath(), $"autoif-bench-pg-{Guid.NewGuid():N}");
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        Process? server = null;
        try
        {
            await RunAsync("chown", "-R", "postgres:postgres", folder);
            await RunAsync("chmod", "755", folder);
            await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", data, "--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
            var port = FreePort();
            server = Process.Start(new ProcessStartInfo("runuser")
            {
                ArgumentList = { "-u", "postgres", "--", Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                    "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            var postgres = new ThrowawayPostgres(folder, server, port, Path.GetFileName(Path.GetDirectoryName(bin))!);
            await postgres.WaitUntilAnsweringAsync(cancellationToken);
            return postgres;
        }
        catch
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Ready means a query answers: PostgreSQL accepts connections on its port before it has finished starting up ("the
    /// database system is starting up"), so an open port is not enough on a busy machine.
    /// </summary>
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
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
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException)
            {
                last = ex;
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new InvalidOperationException($"PostgreSQL did not answer a query within {limit.TotalSeconds:0} s: {last?.Message}", last);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server.Dispose();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
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
