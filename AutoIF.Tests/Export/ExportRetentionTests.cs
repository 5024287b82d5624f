using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Export;

public class ExportRetentionTests
{
    private static readonly DateTimeOffset Now = new ManualTimeProvider().GetUtcNow();

    [Fact]
    public async Task Files_older_than_the_retention_are_deleted_with_their_records_and_newer_ones_kept()
    {
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Exports:RetentionDays"] = "30" }, s => s.AddSingleton<TimeProvider>(new ManualTimeProvider()));
        var folder = database.Get<IOptions<StorageOptions>>().Value.ExportsFolderPath;
        var old = await WriteAsync(folder, "old.jsonl", Now.AddDays(-31));
        var recent = await WriteAsync(folder, "recent.jsonl", Now.AddDays(-29));
        await using (var db = database.CreateContext())
        {
            db.ExportRecords.AddRange(
                new ExportRecord { Kind = "sft", Format = "messages", FileName = "old.jsonl" },
                new ExportRecord { Kind = "sft", Format = "messages", FileName = "recent.jsonl" });
            await db.SaveChangesAsync();
        }

        var deleted = await database.Get<ExportRetention>().CleanUpAsync();

        Assert.Equal(["old.jsonl"], deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        await using var read = database.CreateContext();
        Assert.Equal(["recent.jsonl"], await read.ExportRecords.Select(e => e.FileName).ToListAsync());
    }

    [Fact]
    public async Task An_old_export_jobs_file_and_record_go_and_an_old_failed_job_with_them_while_recent_ones_stay()
    {
        var clock = new ManualTimeProvider();
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Exports:RetentionDays"] = "30" }, s => s.AddSingleton<TimeProvider>(clock));
        var folder = database.Get<IOptions<StorageOptions>>().Value.ExportsFolderPath;
        await using (var db = database.CreateContext())
        {
            db.ExportJobs.AddRange(
                Job("old-job.jsonl", ExportJobState.Done, Now.AddDays(-31)),
                Job("recent-job.jsonl", ExportJobState.Done, Now.AddDays(-1)),
                Job("old-failed.jsonl", ExportJobState.Failed, Now.AddDays(-31)),
                Job("recent-failed.jsonl", ExportJobState.Failed, Now.AddDays(-1)));
            await db.SaveChangesAsync();
        }
        var old = await WriteAsync(folder, "old-job.jsonl", Now.AddDays(-31));
        var recent = await WriteAsync(folder, "recent-job.jsonl", Now.AddDays(-1));

        Assert.Equal(["old-job.jsonl"], await database.Get<ExportRetention>().CleanUpAsync());

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        var listed = await database.Get<ExportJobStore>().ListAsync();
        Assert.Equal(["recent-failed.jsonl", "recent-job.jsonl"], listed.Select(e => e.FileName).Order(StringComparer.Ordinal));
    }

    private static ExportJob Job(string file, ExportJobState state, DateTimeOffset created) => new()
    {
        RequestJson = "{\"Runs\":[\"r\"],\"Format\":\"messages\"}", Summary = "r · sft · messages", FileName = file, State = state, CreatedAt = created,
    };

    [Fact]
    public async Task Zero_days_keeps_every_file()
    {
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Exports:RetentionDays"] = "0" }, s => s.AddSingleton<TimeProvider>(new ManualTimeProvider()));
        var ancient = await WriteAsync(database.Get<IOptions<StorageOptions>>().Value.ExportsFolderPath, "ancient.jsonl", Now.AddYears(-5));

        Assert.Empty(await database.Get<ExportRetention>().CleanUpAsync());
        Assert.True(File.Exists(ancient));
    }

    [Fact]
    public async Task A_negative_retention_is_refused_at_start_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Exports:RetentionDays"] = "-1" });

        var refused = Assert.Throws<OptionsValidationException>(() => database.Get<IOptions<ExportsOptions>>().Value);
        Assert.Contains("RetentionDays", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<string> WriteAsync(string folder, string name, DateTimeOffset written)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, "{}\n");
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return path;
    }
}
