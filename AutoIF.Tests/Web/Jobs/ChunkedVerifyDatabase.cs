using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>One database of <see cref="ChunkedVerifyScenario"/>: its run, the processes that work on it, and what it holds.</summary>
internal sealed partial class ChunkedVerifyDatabase(ChunkedVerifyScenario scenario, string connectionString, Dictionary<string, string> settings) : IDisposable
{
    private readonly TempFolder _data = new("autoif-chunks");

    public string ConnectionString => connectionString;

    private string[] Config => [.. settings.Select(kv => $"--{kv.Key}={kv.Value}")];

    /// <summary>Runs a verb with the scenario's settings and asserts it succeeded.</summary>
    public async Task<string> CliAsync(params string[] args)
    {
        var (exitCode, output) = await AppProcess.RunCliAsync(_data.Path, [.. args, .. Config]);
        Assert.True(exitCode == 0, $"{string.Join(' ', args.Take(3))} failed ({exitCode}):\n{output}");
        return output;
    }

    /// <summary>The run created and queued for a job server (no <c>--wait</c>).</summary>
    public async Task QueueRunAsync(string run = ChunkedVerifyScenario.RunName)
    {
        await CreateRunAsync(run);
        await CliAsync("run", "start", run);
    }

    /// <summary>The run created, not started: the database then has its tables.</summary>
    public Task<string> CreateRunAsync(string run = ChunkedVerifyScenario.RunName) => CliAsync(["run", "create", run, .. ChunkedVerifyScenario.RunSettings]);

    /// <param name="name">The worker's PostgreSQL application name, so a test can tell its sessions from the others'.</param>
    public Task<AppProcess> StartWorkerAsync(string queue, int workers = 2, string? name = null) =>
        AppProcess.StartWorkerAsync(_data.Path,
        [
            "--queues", queue, "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Config,
            .. name is null ? Array.Empty<string>() : [$"--ConnectionStrings:AutoIF={new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }}"],
        ]);

    public PostgresAutoIfDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PostgresAutoIfDbContext>().UseNpgsql(connectionString).Options);

    public async Task<RunStatus> RunStatusAsync(string run = ChunkedVerifyScenario.RunName)
    {
        await using var db = CreateContext();
        return await db.Runs.Where(r => r.Name == run).Select(r => r.Status).SingleAsync();
    }

    /// <summary>Waits until the run has ended, and asserts it completed.</summary>
    public Task AssertCompletesAsync(params AppProcess[] workers) => AssertCompletesAsync(ChunkedVerifyScenario.RunName, workers);

    /// <summary>Waits until the named run has ended, and asserts it completed.</summary>
    public async Task AssertCompletesAsync(string run, params AppProcess[] workers)
    {
        var status = await Poll.UntilAsync(() => RunStatusAsync(run), s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled);
        Assert.True(status == RunStatus.Completed, $"run {run} should complete, but it is {status}\n{string.Join("\n----\n", workers.Select(w => w.Output))}");
    }

    /// <summary>How many verdicts the named run stored.</summary>
    public async Task<int> VerdictsAsync(string run)
    {
        await using var db = CreateContext();
        var runId = await db.Runs.Where(r => r.Name == run).Select(r => r.Id).SingleAsync();
        return await db.Verdicts.CountAsync(v => db.Responses.Any(r => r.Id == v.ResponseId && r.RunId == runId));
    }

    /// <summary>Responses of every run in the database that have no accuracy yet.</summary>
    public async Task<int> UnverifiedResponsesAsync()
    {
        await using var db = CreateContext();
        return await db.Responses.CountAsync(r => r.Accuracy == null);
    }

    /// <summary>
    /// The application names of the worker sessions waiting on a lock (inside a chunk's transaction while a test holds
    /// a table it writes), and of the one holding a run's lock (the coordinator).
    /// </summary>
    public async Task<(IReadOnlyList<string> Waiting, string? Coordinator)> SessionsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var waiting = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                waiting.Add(reader.GetString(0));
            }
        }
        // Run locks are two-key advisory locks whose first key is RunLock's space, "AIFR".
        await using var coordinator = new NpgsqlCommand(
            """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = 1095321170 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            LIMIT 1
            """, connection);
        return (waiting, await coordinator.ExecuteScalarAsync() as string);
    }

    /// <summary>The Verify stage's plan as stored (it stays after the stage, as its record).</summary>
    public async Task<List<StageChunk>> ChunksAsync()
    {
        await using var db = CreateContext();
        return await db.StageChunks.AsNoTracking().Where(c => c.Stage == PipelineStage.Verify).OrderBy(c => c.Index).ToListAsync();
    }

    /// <summary>How many chunk jobs Hangfire holds for this database, and how many of them succeeded.</summary>
    public async Task<(int Jobs, int Succeeded)> ChunkJobsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE statename = 'Succeeded') FROM hangfire.job WHERE invocationdata::text LIKE '%VerifyChunkJob%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    public async Task<RunSnapshot> SnapshotAsync()
    {
        await using var db = CreateContext();
        return await RunSnapshot.ReadAsync(db);
    }

    /// <summary>
    /// The run's SFT, DPO, scores and RL exports, each line by its content: ids and the run's name left out (ids, and so
    /// the order of rows, may differ between databases), the lines sorted.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExportsAsync(string run = ChunkedVerifyScenario.RunName)
    {
        var lines = new List<string>();
        foreach (var (kind, format) in new[] { ("sft", "messages"), ("dpo", "trl-dpo"), ("scores", "jsonl"), ("rl", "openrlhf") })
        {
            var path = Path.Combine(scenario.ExportsFolder, $"{Guid.NewGuid():N}-{kind}.jsonl");
            await CliAsync("export", "--run", run, "--kind", kind, "--format", format, "--out", path);
            var rows = await File.ReadAllLinesAsync(path);
            Assert.True(rows.Length > 0, $"the run exported {kind} rows");
            lines.AddRange(rows.Select(l => $"{kind}: {Content(JsonNode.Parse(l))?.ToJsonString()}"));
        }
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    // A row without its ids and run names; an RL label (a JSON object written as a string) is read as one.
    private static JsonNode? Content(JsonNode? node, string? key = null) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !IdName().IsMatch(p.Key) && p.Key != "run").Select(p => KeyValuePair.Create(p.Key, Content(p.Value, p.Key)))),
        JsonArray a => new JsonArray([.. a.Select(e => Content(e))]),
        JsonValue v when key == "label" && v.TryGetValue<string>(out var label) => Content(JsonNode.Parse(label)),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex("(^|_)ids?$|Ids?$", RegexOptions.IgnoreCase)]
    private static partial Regex IdName();

    /// <summary>Every table and both exports equal the reference's (a duplicate row shows as a difference).</summary>
    public async Task AssertSameAsReferenceAsync()
    {
        var actual = await SnapshotAsync();
        Assert.True(scenario.Reference.Tables["Verdicts"].Count > 50, "the reference run verified responses");
        foreach (var (table, rows) in scenario.Reference.Tables)
        {
            var got = actual.Tables[table];
            var missing = rows.Except(got).Take(3).ToList();
            var extra = got.Except(rows).Take(3).ToList();
            Assert.True(rows.SequenceEqual(got), $"{table}: {rows.Count} rows expected, {got.Count} found; missing e.g. [{string.Join(" ; ", missing)}], extra e.g. [{string.Join(" ; ", extra)}]");
        }
        Assert.Equal(scenario.ReferenceExports, await ExportsAsync());
    }

    public void Dispose() => _data.Dispose();
}
