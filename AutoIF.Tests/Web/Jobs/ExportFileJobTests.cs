using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>Export jobs in the whole app on its SQLite data folder, across a restart (a second host on the same folder).</summary>
public class ExportFileJobTests
{
    [Fact]
    public async Task A_finished_export_is_still_listed_and_downloadable_after_the_app_restarts()
    {
        using var data = new TempFolder("autoif-export-restart");
        string fileName;
        byte[] written;
        await using (var first = AutoIfWebFactory.On(data))
        {
            _ = first.Server;
            await FinishedDemoRun.CreateAsync(first.Services, "tiny");
            var id = await first.Services.GetRequiredService<ExportScheduler>().StartAsync(new ExportParameters { Runs = ["tiny"], Kind = ExportKind.Sft, Format = "messages" });
            var done = await Poll.UntilAsync(() => first.Services.GetRequiredService<ExportJobStore>().FindAsync(id), e => e?.State is ExportJobState.Done or ExportJobState.Failed);
            Assert.Equal(ExportJobState.Done, done!.State);
            fileName = done.FileName;
            written = await File.ReadAllBytesAsync(Path.Combine(data.Path, "exports", fileName));
            Assert.Equal(written.Length, done.FileSize);
            Assert.Equal(written.Count(b => b == '\n'), done.Rows);
        }

        await using var second = AutoIfWebFactory.On(data);
        var listed = Assert.Single(await second.Services.GetRequiredService<ExportJobStore>().ListAsync());
        Assert.Equal((fileName, ExportJobState.Done), (listed.FileName, listed.State));
        using var client = second.CreateClient();
        var download = await client.GetAsync(new Uri($"/api/exports/{fileName}", UriKind.Relative));
        download.EnsureSuccessStatusCode();
        Assert.Equal(written, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_export_whose_process_died_while_it_ran_runs_again_when_the_app_starts()
    {
        using var data = new TempFolder("autoif-export-interrupted");
        int id;
        await using (var first = AutoIfWebFactory.On(data).With("Jobs:ResumeCheckSeconds", "3600"))
        {
            var services = first.Services;
            await FinishedDemoRun.CreateAsync(services, "tiny");
            // As a killed process leaves it: marked running, its Hangfire job never to finish, half a file written.
            var job = await services.GetRequiredService<ExportJobStore>().CreateAsync(new ExportRequest { Runs = ["tiny"], Kind = ExportKind.Sft, Format = "messages" }, bundle: false);
            id = job.Id;
            await using var db = await services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync();
            await db.ExportJobs.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ExportJobState.Running).SetProperty(e => e.Attempts, 1).SetProperty(e => e.JobId, "999999"));
            Directory.CreateDirectory(Path.Combine(data.Path, "exports"));
            await File.WriteAllTextAsync(Path.Combine(data.Path, "exports", job.FileName + ".partial"), "{\"trunc");
        }

        await using var second = AutoIfWebFactory.On(data);
        _ = second.Server;
        var store = second.Services.GetRequiredService<ExportJobStore>();
        var done = await Poll.UntilAsync(() => store.FindAsync(id), e => e?.State is ExportJobState.Done or ExportJobState.Failed);

        Assert.Equal(ExportJobState.Done, done!.State);
        Assert.Equal(2, done.Attempts);
        Assert.Equal("The app stopped while this export ran; it was started again.", done.Message);
        Assert.True(done.Rows > 0);
        Assert.False(File.Exists(Path.Combine(data.Path, "exports", done.FileName + ".partial")));
        Assert.Equal(done.Rows, File.ReadAllLines(Path.Combine(data.Path, "exports", done.FileName)).Length);
    }
}
