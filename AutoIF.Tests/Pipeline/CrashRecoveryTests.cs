using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using Xunit.Abstractions;
using Microsoft.Data.Sqlite;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// The app is killed with SIGKILL in the middle of sampling and started again on the same data folder: it queues the
/// interrupted run again on start, and the finished run must equal, table by table, a run of the same settings that
/// was never interrupted (same answers from a deterministic model server, so any difference is the crash's doing).
/// </summary>
public class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly string[] RunSettings = [.. RunOrchestratorTests.SmallRun.Append((Key: "Responses:Samples", Value: "3")).SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];

    [Fact]
    public async Task A_run_killed_mid_stage_and_restarted_ends_with_exactly_the_tables_of_an_uninterrupted_run()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ModelName = PipelineHarness.SupervisionModel;
        server.Responder = RuleBasedModel.Answer;
        var settings = PipelineHarness.EndpointSettings(server.BaseUrl);
        settings["Llm:Supervision:MaxConcurrency"] = "4";
        var config = settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        using var reference = new TempFolder("autoif-crash-reference");
        using var crashed = new TempFolder("autoif-crash-killed");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await CliAsync(reference.Path, ["run", "create", "crash", .. RunSettings]);
        await CliAsync(reference.Path, ["run", "start", "crash", "--wait", .. config]);

        output.WriteLine($"{clock.Elapsed}: reference run done");
        // Slow answers make sampling take seconds, so the kill lands inside it.
        server.Latency = TimeSpan.FromMilliseconds(100);
        await CliAsync(crashed.Path, ["run", "create", "crash", .. RunSettings]);
        var appSettings = settings.ToDictionary(kv => kv.Key, kv => kv.Value!);
        await using (var app = await AppProcess.StartWebAsync(crashed.Path, appSettings))
        {
            await CliAsync(crashed.Path, ["run", "start", "crash"]);
            var sample = await Poll.UntilAsync(() => SampleProgressAsync(crashed.Path), p => p is { Done: > 0, Completed: false } || p?.Completed == true, TimeSpan.FromMinutes(2));
            Assert.True(sample is { Done: > 0, Completed: false }, $"the kill should land inside sampling, after its first batch (progress: {sample})\n{app.Output}");
            output.WriteLine($"{clock.Elapsed}: killing the app at sampling progress {sample}");
            app.Kill();
        }
        Assert.Equal(RunStatus.Running, await RunStatusAsync(crashed.Path));

        server.Latency = TimeSpan.Zero;
        output.WriteLine($"{clock.Elapsed}: restarting");
        await using (var restarted = await AppProcess.StartWebAsync(crashed.Path, appSettings))
        {
            var status = await Poll.UntilAsync(() => RunStatusAsync(crashed.Path), s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled, TimeSpan.FromMinutes(3));
            output.WriteLine($"{clock.Elapsed}: restarted app finished the run");
            Assert.True(status == RunStatus.Completed, $"the restarted app should finish the interrupted run, but it is {status}\n{restarted.Output}");
        }

        var expected = await RunSnapshot.ReadAsync(reference.Path);
        var actual = await RunSnapshot.ReadAsync(crashed.Path);
        Assert.True(expected.Tables["Responses"].Count > 100, "the reference run sampled responses");
        foreach (var (table, rows) in expected.Tables)
        {
            var got = actual.Tables[table];
            var missing = rows.Except(got).Take(3).ToList();
            var extra = got.Except(rows).Take(3).ToList();
            Assert.True(rows.SequenceEqual(got), $"{table}: {rows.Count} rows expected, {got.Count} found; missing e.g. [{string.Join(" ; ", missing)}], extra e.g. [{string.Join(" ; ", extra)}]");
        }
    }

    private static async Task CliAsync(string dataFolder, string[] args)
    {
        var (exitCode, output) = await AppProcess.RunCliAsync(dataFolder, args);
        Assert.True(exitCode == 0, $"{string.Join(' ', args.Take(3))} failed ({exitCode}):\n{output}");
    }

    private static async Task<(int Done, bool Completed)?> SampleProgressAsync(string dataFolder)
    {
        var rows = await QueryAsync(dataFolder, $"SELECT Done, Completed FROM StageProgress WHERE Stage = {(int)PipelineStage.Sample}", r => (r.GetInt32(0), r.GetBoolean(1)));
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<RunStatus?> RunStatusAsync(string dataFolder)
    {
        var rows = await QueryAsync(dataFolder, "SELECT Status FROM Runs", r => (RunStatus)r.GetInt32(0));
        return rows.Count == 0 ? null : rows[0];
    }

    // Read-only and unpooled: the app process owns the file, the test only looks.
    private static async Task<List<T>> QueryAsync<T>(string dataFolder, string sql, Func<SqliteDataReader, T> read)
    {
        var path = Path.Combine(dataFolder, "autoif.db");
        if (!File.Exists(path))
        {
            return [];
        }
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<T>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result.Add(read(reader));
            }
        }
        catch (SqliteException)
        {
            // The table does not exist until the app has migrated the file.
            return [];
        }
        return result;
    }
}
