using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Pipeline;

public class RunDeleterTests
{
    [Fact]
    public async Task Deleting_the_source_of_a_clone_leaves_no_row_or_file_of_it_and_the_clone_exports_the_same_file()
    {
        await using var database = await TestDatabase.CreateAsync(RunRows.DemoSettings);
        var (source, clone) = await RunRows.DemoRunAndCloneAsync(database);
        var storage = database.Get<IOptions<StorageOptions>>().Value;
        // An export of the source from the Export page: a file in the exports folder and its record.
        Directory.CreateDirectory(storage.ExportsFolderPath);
        var exportFile = Path.Combine(storage.ExportsFolderPath, "source-sft-messages.jsonl");
        await File.WriteAllTextAsync(exportFile, await RunRows.ExportSftAsync(database, "source"));
        await using (var db = database.CreateContext())
        {
            db.ExportRecords.Add(new ExportRecord { RunId = source, Kind = "sft", Format = "messages", Rows = 1, FileName = "source-sft-messages.jsonl" });
            db.Reviews.Add(new Review { RunId = source, Target = ReviewTarget.Instruction, TargetId = await db.Instructions.Where(i => i.RunId == source).Select(i => i.Id).FirstAsync(), Decision = ReviewState.Approved, Reviewer = "me" });
            await db.SaveChangesAsync();
        }
        var cloneSftBefore = await RunRows.ExportSftAsync(database, "copy");
        Dictionary<string, long> cloneBefore;
        List<long> callsTheCloneUses;
        await using (var db = database.CreateContext())
        {
            Assert.All(await RunRows.CountAsync(db, source), t => Assert.True(t.Value > 0, $"the source has rows in {t.Key}"));
            cloneBefore = await RunRows.CountAsync(db, clone);
            callsTheCloneUses = await db.Verifiers.Where(v => v.RunId == clone && v.LlmCallId != null).Select(v => v.LlmCallId!.Value)
                .Concat(db.Responses.Where(r => r.RunId == clone && r.LlmCallId != null).Select(r => r.LlmCallId!.Value)).Distinct().ToListAsync();
        }
        Assert.NotEmpty(callsTheCloneUses);
        // A job or command that worked on the run left its lock file (the orchestrator called here takes no lock itself).
        await (await database.Get<RunLock>().AcquireAsync(source, "source", TimeSpan.Zero)).DisposeAsync();
        Assert.True(File.Exists(Path.Combine(storage.DataFolderPath, "locks", $"run-{source}.lock")));

        var deleted = await database.Get<RunDeleter>().DeleteAsync(source);

        Assert.True(deleted.CallsKept > 0, "the clone's verifiers and responses came from the source's cached calls");
        await using (var db = database.CreateContext())
        {
            Assert.All(await RunRows.CountAsync(db, source), t => Assert.True(t.Value == 0, $"{t.Value} rows of the deleted run left in {t.Key}"));
            var cloneAfter = await RunRows.CountAsync(db, clone);
            cloneBefore["Runs"] = 1;
            Assert.Equal(cloneBefore, cloneAfter);
            Assert.Null((await db.Runs.SingleAsync(r => r.Id == clone)).ClonedFromRunId);
            Assert.Equal(callsTheCloneUses.Count, await db.LlmCalls.CountAsync(c => callsTheCloneUses.Contains(c.Id)));
            // The full-text index lost exactly the deleted instructions (its delete trigger): an integrity check passes.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "InstructionSearch"("InstructionSearch") VALUES ('integrity-check');""");
        }
        Assert.Equal(cloneSftBefore, await RunRows.ExportSftAsync(database, "copy"));
        Assert.False(File.Exists(exportFile));
        Assert.False(File.Exists(Path.Combine(storage.DataFolderPath, "locks", $"run-{source}.lock")));
        Assert.Equal(1, deleted.ExportFiles);
    }

    [Fact]
    public async Task A_queued_run_and_a_running_run_are_refused_and_keep_their_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runs = database.Get<RunService>();
        var queued = await runs.CreateAsync("waiting", new RunSettings());
        await runs.MarkQueuedAsync(queued.Id);
        var running = await runs.CreateAsync("working", new RunSettings());
        await runs.MarkQueuedAsync(running.Id);
        await using var held = await database.Get<RunLock>().AcquireAsync(running.Id, "working", TimeSpan.Zero);
        var deleter = database.Get<RunDeleter>();

        var refusedQueued = await Assert.ThrowsAsync<InvalidOperationException>(() => deleter.DeleteAsync(queued.Id));
        var refusedRunning = await Assert.ThrowsAsync<InvalidOperationException>(() => deleter.DeleteAsync(running.Id));

        Assert.Equal("Run 'waiting' is queued: cancel it first (`run cancel waiting` or Cancel on its page), then delete it.", refusedQueued.Message);
        Assert.StartsWith("Run 'working' is running: cancel it first", refusedRunning.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.Runs.CountAsync());
    }
}
