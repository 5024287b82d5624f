using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using AutoIF.Web.Jobs;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>
/// A chunk's claim on SQLite (decision 043): the exclusive lock file <c>locks/chunk-&lt;id&gt;.lock</c>, held by a real
/// worker process inside the chunk. Another taker does nothing with the chunk while the worker lives, and the claim is
/// free the moment the worker is killed.
/// </summary>
public class SqliteChunkClaimTests
{
    [Fact]
    public async Task A_chunk_a_worker_process_is_inside_is_left_alone_by_another_taker_and_is_free_the_moment_the_worker_is_killed()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        // The verifier sleeps far past the test, so the worker stays inside the chunk, holding its claim, until it is killed.
        await harness.AddVerifierAsync(run, instruction, "import time\n\ndef evaluate(response):\n    time.sleep(3600)\n    return True\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Answer. Mention x.");
        var response = await harness.AddResponseAsync(run, prompt, "x", 0);
        long chunkId;
        await using (var db = harness.CreateContext())
        {
            await db.Runs.Where(r => r.Id == run).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running));
            var chunk = new StageChunk
            {
                RunId = run, Stage = PipelineStage.Verify, Index = 0, FirstResponseId = response, LastResponseId = response, Responses = 1,
                DecisionsJson = new StageChunkDecisions([], "", []).ToJson(),
            };
            db.StageChunks.Add(chunk);
            await db.SaveChangesAsync();
            chunkId = chunk.Id;
        }
        var runLock = harness.Get<RunLock>();
        // The run's lock stands for its coordinator, so the worker's sweep does not take the run for an interrupted one.
        await using var coordinator = await runLock.AcquireAsync(run, "run-1", TimeSpan.Zero);
        new BackgroundJobClient(new SQLiteStorage(Path.Combine(harness.Database.DataFolder, "hangfire.db"), new SQLiteStorageOptions()))
            .Enqueue<VerifyChunkJob>(job => job.ExecuteAsync(chunkId, CancellationToken.None));
        var settings = PipelineHarness.EndpointSettings(harness.Server.BaseUrl);
        settings["Sandbox:TimeoutSeconds"] = "3000";
        settings["Sandbox:HardDeadlineSeconds"] = "3000";
        await using var worker = await AppProcess.StartWorkerAsync(harness.Database.DataFolder,
            ["--queues", "sandbox", "--workers", "1", .. settings.Select(kv => $"--{kv.Key}={kv.Value}")]);

        // The attempt is counted under the claim, so from here on the worker holds it.
        await Poll.UntilAsync(() => AttemptsAsync(harness, chunkId), attempts => attempts > 0);

        // A second taker (a chunk job's own call, in this process) finds the chunk claimed and does nothing with it.
        await harness.Get<ResponseVerifier>().VerifyChunkAsync(chunkId, CancellationToken.None);
        Assert.Equal(1, await AttemptsAsync(harness, chunkId));
        Assert.Null(await runLock.TryClaimChunkAsync(chunkId));
        await using (var db = harness.CreateContext())
        {
            Assert.Equal((StageChunkState.Pending, (double?)null), await db.StageChunks.Where(c => c.Id == chunkId)
                .Select(c => ValueTuple.Create(c.State, db.Responses.Single(r => r.Id == response).Accuracy)).SingleAsync());
        }
        Assert.False(worker.HasExited, worker.Output);

        worker.Kill();

        // Free at once: one try, no waiting.
        await using var claim = await runLock.TryClaimChunkAsync(chunkId);
        Assert.NotNull(claim);
        // And held again, by this taker now.
        Assert.Null(await runLock.TryClaimChunkAsync(chunkId));
    }

    private static async Task<int> AttemptsAsync(PipelineHarness harness, long chunkId)
    {
        await using var db = harness.CreateContext();
        return await db.StageChunks.Where(c => c.Id == chunkId).Select(c => c.Attempts).SingleAsync();
    }
}
