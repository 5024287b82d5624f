using AutoIF.Core;
using AutoIF.Core.Storage;
using AutoIF.Web.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace AutoIF.Web.Extensions;

public static class JobsExtensions
{
    /// <summary>Hangfire on the same kind of storage as the data: a SQLite file beside the database, or the PostgreSQL database itself.</summary>
    public static IHostApplicationBuilder AddAutoIfJobs(this IHostApplicationBuilder builder, bool runServer = true)
    {
        var configuration = builder.Configuration;
        var provider = StorageOptions.ProviderIn(configuration);
        builder.Services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == StorageProvider.Postgres)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(configuration.GetConnectionString("AutoIF")),
                    new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(500), PrepareSchemaIfNecessary = true });
            }
            else
            {
                var storage = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
                Directory.CreateDirectory(storage.DataFolderPath);
                // The storage's default poll interval makes a queued job wait ~12 s; half a second keeps the UI responsive.
                config.UseSQLiteStorage(Path.Combine(storage.DataFolderPath, "hangfire.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromMilliseconds(500),
                });
            }
        });
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
}
