using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using Npgsql;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>
/// A run's Verify stage as chunk jobs on real PostgreSQL (decision 039): the run's job, in a worker taking only the runs
/// queue, coordinates; worker processes taking only the sandbox queue verify the chunks. Whatever dies on the way, the
/// finished run equals, table by table and export by export, the same run done by one process.
/// </summary>
public class VerifyChunkJobTests(ChunkedVerifyScenario scenario) : IClassFixture<ChunkedVerifyScenario>
{
    [Fact]
    public async Task A_run_whose_verify_chunks_a_separate_sandbox_worker_takes_ends_with_the_rows_and_exports_of_a_single_process_run()
    {
        using var database = scenario.NewDatabase();
        await using var coordinator = await database.StartWorkerAsync("runs");
        await using var sandbox = await database.StartWorkerAsync("sandbox");

        await database.QueueRunAsync();

        await database.AssertCompletesAsync(coordinator, sandbox);
        var chunks = await database.ChunksAsync();
        Assert.True(chunks.Count > 1, $"Verify should be split into several chunks, but it has {chunks.Count}\n{coordinator.Output}\n----\n{sandbox.Output}");
        Assert.All(chunks, c => Assert.Equal((StageChunkState.Done, 1), (c.State, c.Attempts)));
        // Only the sandbox worker takes the sandbox queue, so it verified every chunk.
        Assert.Equal((chunks.Count, chunks.Count), await database.ChunkJobsAsync());
        await database.AssertSameAsReferenceAsync();
    }

    [Fact]
    public async Task A_sandbox_worker_killed_inside_a_chunks_transaction_stores_nothing_and_another_worker_redoes_that_chunk_once()
    {
        using var database = scenario.NewDatabase();
        await using var coordinator = await database.StartWorkerAsync("runs");
        await database.QueueRunAsync();
        // No sandbox worker yet: the plan is stored and its jobs wait.
        var plan = await Poll.UntilAsync(database.ChunksAsync, c => c.Count > 0);
        // Holding every chunk's first response makes the worker's chunk wait inside its transaction, after its done mark
        // and before its commit, so the kill lands there whichever chunk it took.
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand("""SELECT 1 FROM "Responses" WHERE "Id" = ANY(@ids) FOR UPDATE""", holder, holding))
        {
            lockRows.Parameters.AddWithValue("ids", plan.Select(c => c.FirstResponseId).ToArray());
            await lockRows.ExecuteNonQueryAsync();
        }
        await using (var first = await database.StartWorkerAsync("sandbox", workers: 1))
        {
            await Poll.UntilAsync(() => WaitingOnLocksAsync(database.ConnectionString), waiting => waiting > 0);
            first.Kill();
        }
        var attempted = Assert.Single(await database.ChunksAsync(), c => c.Attempts > 0);
        Assert.Equal(StageChunkState.Pending, attempted.State);
        await holding.RollbackAsync();

        await using var second = await database.StartWorkerAsync("sandbox");

        await database.AssertCompletesAsync(coordinator, second);
        var chunks = await database.ChunksAsync();
        Assert.True(chunks.Any(c => c.Id == attempted.Id), $"the plan should be the one the chunk was attempted in\n{coordinator.Output}");
        Assert.All(chunks, c => Assert.Equal(StageChunkState.Done, c.State));
        // The killed attempt's job came back to the queue once its lease ran out, and only that chunk was done twice.
        Assert.Equal(2, chunks.Single(c => c.Id == attempted.Id).Attempts);
        Assert.All(chunks.Where(c => c.Id != attempted.Id), c => Assert.Equal(1, c.Attempts));
        await database.AssertSameAsReferenceAsync();
    }

    [Fact]
    public async Task A_coordinator_killed_while_its_chunks_wait_is_resumed_by_another_that_keeps_the_plan_and_its_jobs()
    {
        using var database = scenario.NewDatabase();
        await using var killed = await database.StartWorkerAsync("runs");
        await database.QueueRunAsync();
        // Killed once every chunk has its job (no sandbox worker takes them yet).
        var plan = await Poll.UntilAsync(database.ChunksAsync, c => c.Count > 0 && c.All(chunk => chunk.JobId is not null));
        killed.Kill();
        Assert.Equal(RunStatus.Running, await database.RunStatusAsync());

        // The new coordinator finds the run interrupted at its start and queues it again.
        await using var coordinator = await database.StartWorkerAsync("runs");
        await using var sandbox = await database.StartWorkerAsync("sandbox");

        await database.AssertCompletesAsync(coordinator, sandbox);
        var chunks = await database.ChunksAsync();
        Assert.Equal(plan.Select(c => (c.Id, c.FirstResponseId, c.LastResponseId)), chunks.Select(c => (c.Id, c.FirstResponseId, c.LastResponseId)));
        // The first coordinator's jobs still waited in the queue, so none was queued again.
        Assert.Equal((plan.Count, plan.Count), await database.ChunkJobsAsync());
        await database.AssertSameAsReferenceAsync();
    }

    [Fact]
    public async Task Two_chunked_runs_on_a_job_server_with_two_slots_finish_as_their_coordinators_verify_their_own_chunks_once()
    {
        using var database = scenario.NewDatabase(coordinatorVerifies: true);
        // Both slots go to the two runs' jobs, so no chunk job gets a slot before a run ends: each coordinator must verify
        // its own chunks.
        await using var worker = await database.StartWorkerAsync("runs,sandbox", workers: 2);
        const string second = "chunks-second";

        await database.QueueRunAsync();
        await database.QueueRunAsync(second);

        await database.AssertCompletesAsync(worker);
        await database.AssertCompletesAsync(second, worker);
        var chunks = await database.ChunksAsync();
        Assert.Equal(2, chunks.Select(c => c.RunId).Distinct().Count());
        // Each chunk was taken once (its coordinator's claim kept its job out), and each run verified every response once.
        Assert.All(chunks, c => Assert.Equal((StageChunkState.Done, 1), (c.State, c.Attempts)));
        var verdicts = scenario.Reference.Tables["Verdicts"].Count;
        Assert.Equal((verdicts, verdicts), (await database.VerdictsAsync(ChunkedVerifyScenario.RunName), await database.VerdictsAsync(second)));
        Assert.Equal(0, await database.UnverifiedResponsesAsync());
        // Both runs' exports are the single-process run's: the second, whose rows got other ids (interleaved with the
        // first's while both worked), drew the same prompts and pairs from the same inputs and seed (decision 048).
        Assert.Equal(scenario.ReferenceExports, await database.ExportsAsync());
        Assert.Equal(scenario.ReferenceExports, await database.ExportsAsync(second));
    }

    [Fact]
    public async Task A_run_on_three_workers_two_of_them_killed_while_inside_a_chunk_ends_with_the_rows_and_exports_of_a_single_process_run()
    {
        using var database = scenario.NewDatabase(coordinatorVerifies: true);
        await database.CreateRunAsync();
        // Holding the verdicts' table makes every chunk wait inside its transaction (after its done mark, at its verdicts),
        // so a worker seen waiting there holds a chunk when it is killed. Nothing before Verify writes verdicts.
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        var holding = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("""LOCK TABLE "Verdicts" IN SHARE MODE""", holder, holding))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        var workers = new Dictionary<string, AppProcess>();
        try
        {
            foreach (var name in new[] { "worker-1", "worker-2", "worker-3" })
            {
                workers[name] = await database.StartWorkerAsync("runs,sandbox", name: name);
            }
            await database.CliAsync("run", "start", ChunkedVerifyScenario.RunName);

            var killed = new List<string>();
            foreach (var replacement in new[] { "worker-4", "worker-5" })
            {
                // A killed worker's session waits on until the table is let go: it is left out.
                var (waiting, coordinator) = await Poll.UntilAsync(database.SessionsAsync,
                    s => s.Coordinator is not null && s.Waiting.Except([s.Coordinator, .. killed]).Any());
                var victim = waiting.Except([coordinator!, .. killed]).Order(StringComparer.Ordinal).First();
                workers[victim].Kill();
                killed.Add(victim);
                workers[replacement] = await database.StartWorkerAsync("runs,sandbox", name: replacement);
            }
            var attempted = (await database.ChunksAsync()).Count(c => c.Attempts > 0);
            Assert.True(attempted >= 2, $"the killed workers held chunks, but {attempted} chunk(s) were attempted");
            await holding.RollbackAsync();

            await database.AssertCompletesAsync([.. workers.Values]);
            var chunks = await database.ChunksAsync();
            Assert.All(chunks, c => Assert.Equal(StageChunkState.Done, c.State));
            // Each killed worker's chunk was started again by another process and stored once.
            Assert.True(chunks.Count(c => c.Attempts >= 2) >= killed.Count, $"chunks redone: {string.Join(", ", chunks.Select(c => c.Attempts))}");
            await database.AssertSameAsReferenceAsync();
        }
        finally
        {
            await holding.DisposeAsync();
            foreach (var worker in workers.Values)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static async Task<long> WaitingOnLocksAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
