using AutoIF.Core.Export;
using AutoIF.Core.Import;
using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using AutoIF.Web.Extensions;
using AutoIF.Web.Jobs;
using AutoIF.Web.Services;
using Bunit;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// bunit with MudBlazor and the app's real Core services on a real SQLite database. Hangfire jobs go to in-memory storage
/// with no server to run them, or, with <see cref="RunsJobServer"/>, to the app's real SQLite job storage in the data
/// folder with a job server running them.
/// </summary>
public abstract class PageTestContext : PatientBunitContext, IAsyncLifetime
{
    private BackgroundJobServer? _jobServer;

    protected TestDatabase Database { get; private set; } = null!;

    protected Hangfire.JobStorage JobStorage { get; private set; } = null!;

    /// <summary>Whether the jobs a page queues run (on Hangfire's SQLite storage in the data folder, as in the app).</summary>
    protected virtual bool RunsJobServer => false;

    /// <summary>Configuration for the app's services, e.g. model endpoints.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        // Hangfire logs through a process-wide provider; a web host disposed by another test leaves it pointing at a dead logger factory.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        Database = await TestDatabase.CreateAsync(Settings);
        JobStorage = RunsJobServer
            ? new SQLiteStorage(Path.Combine(Database.DataFolder, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200) })
            : new InMemoryStorage();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        foreach (var type in new[]
                 {
                     typeof(IDbContextFactory<AutoIfDbContext>), typeof(SeedCatalog), typeof(RunService), typeof(RunSummaryQuery), typeof(RunFunnelQuery), typeof(RunReportQuery),
                     typeof(RunImporter), typeof(RunOrchestrator), typeof(DatasetExporter), typeof(ExportHistory), typeof(ILlmGateway), typeof(IVerifierSandbox),
                     typeof(LlmConnectionTester), typeof(IOptionsMonitor<LlmOptions>), typeof(IOptions<StorageOptions>), typeof(TimeProvider),
                     typeof(RunLock), typeof(RunLiveness), typeof(RunDeleter), typeof(AutoIF.Core.Rewards.RewardStats), typeof(IOptions<AutoIF.Core.Rewards.RewardOptions>),
                     typeof(ExportToFile), typeof(ExportJobStore), typeof(ExportJobRunner), typeof(BenchmarkUploads),
                     typeof(AutoIF.Core.Verifiers.ReverificationStore), typeof(AutoIF.Core.Verifiers.Reverifier), typeof(AutoIF.Core.Verifiers.VerifierVersions), typeof(AutoIF.Core.Verifiers.VerifierRegenerator),
                     typeof(AutoIF.Core.Pipeline.Estimates.RunEstimator),
                 })
        {
            Services.AddSingleton(type, Database.Services.GetRequiredService(type));
        }
        var jobs = new BackgroundJobClient(JobStorage);
        Services.AddSingleton<IBackgroundJobClient>(jobs);
        Services.AddSingleton<Hangfire.JobStorage>(JobStorage);
        // The acting user of the run actions, as in the app: bunit's signed-in user ("reviewer").
        Services.AddScoped<AutoIF.Web.Teams.CurrentReviewer>();
        Services.AddAutoIfRunControl();
        Services.AddSingleton(new UserSettingsFile(Path.Combine(Database.DataFolder, UserSettingsFile.FileName)));
        Services.AddSingleton<ExportFiles>();
        Services.AddSingleton<IHostApplicationLifetime, TestLifetime>();
        Services.AddSingleton<ExportScheduler>();
        Services.AddTransient<ExportFileJob>();
        Services.AddScoped<ExportPageState>();
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        if (RunsJobServer)
        {
            // Jobs are made from the test's services when they run, by then built from the registrations above.
            _jobServer = new BackgroundJobServer(
                new BackgroundJobServerOptions { WorkerCount = 2, SchedulePollingInterval = TimeSpan.FromMilliseconds(200), Activator = new ServicesJobActivator(Services), Queues = [.. AutoIF.Web.Jobs.JobQueues.All] },
                JobStorage);
        }
        // As the live circuit renders: interactive, so live pages start polling. Last: it reads the services.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public new virtual async Task DisposeAsync()
    {
        _jobServer?.SendStop();
        _jobServer?.Dispose();
        await base.DisposeAsync();
        (JobStorage as IDisposable)?.Dispose();
        await Database.DisposeAsync();
    }

    private sealed class ServicesJobActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => ActivatorUtilities.GetServiceOrCreateInstance(services, jobType);
    }

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
