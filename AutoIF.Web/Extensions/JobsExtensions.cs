using AutoIF.Core;
using AutoIF.Core.Storage;
using AutoIF.Web.Jobs;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Extensions;

public static class JobsExtensions
{
    /// <summary>Hangfire on the same kind of storage as the data: a SQLite file beside the database, or the PostgreSQL database itself.</summary>
    /// <param name="queues">The queues this process's job server takes (all of them in the app; a worker's own choice).</param>
    /// <param name="workerCount">Jobs run at once; by default as many as the machine has cores, at least two.</param>
    public static IHostApplicationBuilder AddAutoIfJobs(this IHostApplicationBuilder builder, bool runServer = true, IReadOnlyList<string>? queues = null, int? workerCount = null)
    {
        var configuration = builder.Configuration;
        var provider = StorageOptions.ProviderIn(configuration);
        // The storage and the activator are this host's own services. Hangfire's defaults read its process-wide
        // JobStorage.Current and JobActivator.Current, which another host starting in the same process (the tests run
        // many) can set between this host's configuring and resolving them: its jobs then went to the other host.
        builder.Services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        builder.Services.AddSingleton<JobStorage>(sp => CreateStorage(sp, configuration, provider));
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        if (runServer)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = workerCount ?? Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.Queues = [.. queues ?? JobQueues.All];
            });
            // Only a process with a job server hands a stage's chunks to jobs (the command line's --wait works alone).
            builder.Services.AddSingleton<AutoIF.Core.Pipeline.IStageChunkDispatcher, HangfireStageChunkDispatcher>();
            builder.Services.AddHostedService<InterruptedRunSweep>();
            builder.Services.AddHostedService<ExportRetentionSweep>();
        }
        return builder;
    }

    private static JobStorage CreateStorage(IServiceProvider services, IConfiguration configuration, StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            // A job fetched by a process that dies comes back after the lease, not the storage's default 30 minutes; the
            // live holder's server renews the lease in the background, so a long job keeps it (decision 037).
            var lease = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<JobsOptions>>().Value.LeaseSeconds);
            var options = new PostgreSqlStorageOptions
            {
                QueuePollInterval = TimeSpan.FromMilliseconds(500),
                PrepareSchemaIfNecessary = true,
                InvisibilityTimeout = lease,
                UseSlidingInvisibilityTimeout = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(configuration.GetConnectionString("AutoIF")!, options), options);
        }
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(storage.DataFolderPath);
        // The storage's default poll interval makes a queued job wait ~12 s; half a second keeps the UI responsive.
        return new SQLiteStorage(Path.Combine(storage.DataFolderPath, "hangfire.db"), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
        });
    }
}
