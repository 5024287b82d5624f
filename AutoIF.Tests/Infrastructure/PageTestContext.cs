using AutoIF.Core.Export;
using AutoIF.Core.Import;
using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using AutoIF.Web.Extensions;
using AutoIF.Web.Services;
using Bunit;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AutoIF.Tests.Infrastructure;

/// <summary>bunit with MudBlazor and the app's real Core services on a real SQLite database; Hangfire jobs go to in-memory storage.</summary>
public abstract class PageTestContext : PatientBunitContext, IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected InMemoryStorage JobStorage { get; private set; } = null!;

    /// <summary>Configuration for the app's services, e.g. model endpoints.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        // Hangfire logs through a process-wide provider; a web host disposed by another test leaves it pointing at a dead logger factory.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        JobStorage = new InMemoryStorage();
        Database = await TestDatabase.CreateAsync(Settings);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        foreach (var type in new[]
                 {
                     typeof(IDbContextFactory<AutoIfDbContext>), typeof(SeedCatalog), typeof(RunService), typeof(RunSummaryQuery), typeof(RunFunnelQuery), typeof(RunReportQuery),
                     typeof(RunImporter), typeof(RunOrchestrator), typeof(DatasetExporter), typeof(ExportHistory), typeof(ILlmGateway), typeof(IVerifierSandbox),
                     typeof(LlmConnectionTester), typeof(IOptionsMonitor<LlmOptions>), typeof(IOptions<StorageOptions>), typeof(TimeProvider),
                     typeof(RunLock), typeof(RunLiveness), typeof(RunDeleter), typeof(AutoIF.Core.Rewards.RewardStats), typeof(IOptions<AutoIF.Core.Rewards.RewardOptions>),
                 })
        {
            Services.AddSingleton(type, Database.Services.GetRequiredService(type));
        }
        var jobs = new BackgroundJobClient(JobStorage);
        Services.AddSingleton<IBackgroundJobClient>(jobs);
        Services.AddSingleton<Hangfire.JobStorage>(JobStorage);
        Services.AddAutoIfRunControl();
        Services.AddSingleton(new UserSettingsFile(Path.Combine(Database.DataFolder, UserSettingsFile.FileName)));
        Services.AddSingleton<ExportFiles>();
        Services.AddSingleton<IHostApplicationLifetime, TestLifetime>();
        Services.AddSingleton<ExportJobs>();
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        // As the live circuit renders: interactive, so live pages start polling. Last: it reads the services.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        JobStorage.Dispose();
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
