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
    public static IHostApplicationBuilder AddAutoIfJobs(this IHostApplicationBuilder builder, bool runServer = true)
    {
        var configuration = builder.Configuration;
        var provider = StorageOptions.ProviderIn(configuration);
        // The storage and the activator are this host's own services. Hangfire's defaults read its process-wide
        // JobStorage.Current and JobActivator.Current, which another host starting in the same process (the tests run
        // many) can set between this host's configuring and resolving them: its jobs then went to the other host.
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
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
            builder.Services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
            builder.Services.AddHostedService<InterruptedRunSweep>();
            builder.Services.AddHostedService<ExportRetentionSweep>();
        }
        return builder;
    }

    private static JobStorage CreateStorage(IServiceProvider services, IConfiguration configuration, StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            var options = new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(500), PrepareSchemaIfNecessary = true };
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
