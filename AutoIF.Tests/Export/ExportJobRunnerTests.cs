using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Export;

/// <summary>The runner of stored export jobs on a real database and real files.</summary>
public class ExportJobRunnerTests
{
    private static readonly ExportRequest Sft = new() { Runs = ["tiny"], Kind = ExportKind.Sft, Format = "messages" };

    [Fact]
    public async Task An_exports_folder_that_cannot_be_written_fails_the_job_with_the_disk_error_and_leaves_no_file()
    {
        using var blocker = new TempFolder("autoif-not-a-folder");
        var notAFolder = Path.Combine(blocker.Path, "exports");
        await File.WriteAllTextAsync(notAFolder, "a file where the exports folder should be");
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Storage:ExportsFolder"] = notAFolder });
        await database.Get<RunService>().CreateAsync("tiny", new RunSettings());
        var job = await database.Get<ExportJobStore>().CreateAsync(Sft, bundle: false);

        await database.Get<ExportJobRunner>().RunAsync(job.Id, CancellationToken.None);

        var failed = await database.Get<ExportJobStore>().FindAsync(job.Id);
        Assert.Equal(ExportJobState.Failed, failed!.State);
        Assert.Contains(notAFolder, failed.Message, StringComparison.Ordinal);
        Assert.Null(failed.FileSize);
        Assert.Equal("a file where the exports folder should be", await File.ReadAllTextAsync(notAFolder));
    }

    [Fact]
    public async Task A_job_deleted_before_a_worker_takes_it_does_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<RunService>().CreateAsync("tiny", new RunSettings());
        var store = database.Get<ExportJobStore>();
        var job = await store.CreateAsync(Sft, bundle: false);
        Assert.True((await store.DeleteAsync(job.Id)).Found);

        await database.Get<ExportJobRunner>().RunAsync(job.Id, CancellationToken.None);

        Assert.Null(await store.FindAsync(job.Id));
        Assert.False(File.Exists(Path.Combine(database.DataFolder, "exports", job.FileName)));
    }

    [Fact]
    public async Task A_staged_benchmark_is_removed_once_the_export_that_reads_it_has_ended()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<RunService>().CreateAsync("tiny", new RunSettings());
        using var content = new MemoryStream("{\"prompt\": \"Write a poem.\"}\n"u8.ToArray());
        var staged = await database.Get<BenchmarkUploads>().StageAsync(content, "ifeval.jsonl");
        var job = await database.Get<ExportJobStore>().CreateAsync(Sft with { Benchmark = staged }, bundle: false);

        await database.Get<ExportJobRunner>().RunAsync(job.Id, CancellationToken.None);

        var done = await database.Get<ExportJobStore>().FindAsync(job.Id);
        Assert.Equal(ExportJobState.Done, done!.State);
        Assert.Equal("ifeval.jsonl", done.Contamination!.Benchmark);
        Assert.False(File.Exists(staged));
        Assert.False(Directory.Exists(Path.GetDirectoryName(staged)));
    }
}
