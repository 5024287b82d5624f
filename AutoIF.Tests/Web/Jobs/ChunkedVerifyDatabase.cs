using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>One database of <see cref="ChunkedVerifyScenario"/>: its run, the processes that work on it, and what it holds.</summary>
internal sealed class ChunkedVerifyDatabase(ChunkedVerifyScenario scenario, string connectionString, Dictionary<string, string> settings) : IDisposable
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
    public async Task QueueRunAsync()
    {
        await CliAsync(["run", "create", ChunkedVerifyScenario.RunName, .. ChunkedVerifyScenario.RunSettings]);
        await CliAsync("run", "start", ChunkedVerifyScenario.RunName);
    }

    public Task<AppProcess> StartWorkerAsync(string queue, int workers = 2) =>
        AppProcess.StartWorkerAsync(_data.Path, ["--queues", queue, "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Config]);

    public PostgresAutoIfDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PostgresAutoIfDbContext>().UseNpgsql(connectionString).Options);

    public async Task<RunStatus> RunStatusAsync()
    {
        await using var db = CreateContext();
        return await db.Runs.Where(r => r.Name == ChunkedVerifyScenario.RunName).Select(r => r.Status).SingleAsync();
    }

    /// <summary>Waits until the run has ended, and asserts it completed.</summary>
    public async Task AssertCompletesAsync(params AppProcess[] workers)
    {
        var status = await Poll.UntilAsync(RunStatusAsync, s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled);
        Assert.True(status == RunStatus.Completed, $"the run should complete, but it is {status}\n{string.Join("\n----\n", workers.Select(w => w.Output))}");
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

    /// <summary>The run's SFT and DPO exports, their lines sorted (ids, and so the order of rows, may differ between databases).</summary>
    public async Task<IReadOnlyList<string>> ExportsAsync()
    {
        var lines = new List<string>();
        foreach (var (kind, format) in new[] { ("sft", "messages"), ("dpo", "trl-dpo") })
        {
            var path = Path.Combine(scenario.ExportsFolder, $"{Guid.NewGuid():N}-{kind}.jsonl");
            await CliAsync("export", "--run", ChunkedVerifyScenario.RunName, "--kind", kind, "--format", format, "--out", path);
            lines.AddRange((await File.ReadAllLinesAsync(path)).Select(l => $"{kind}: {l}"));
        }
        Assert.True(lines.Count > 0, "the run exported rows");
        return [.. lines.Order(StringComparer.Ordinal)];
    }

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
