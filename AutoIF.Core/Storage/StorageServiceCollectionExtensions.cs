using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDbContextFactory{AutoIfDbContext}"/> for the provider named by <c>Storage:Provider</c>.</summary>
    public static IServiceCollection AddAutoIfStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);

        if (StorageOptions.ProviderIn(configuration) == StorageProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("AutoIF")
                ?? throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:AutoIF is not set.");
            services.AddDbContextFactory<PostgresAutoIfDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<AutoIfDbContext>, AutoIfDbContextFactory<PostgresAutoIfDbContext>>();
        }
        else
        {
            services.AddDbContextFactory<SqliteAutoIfDbContext>((sp, o) => o.UseAutoIfSqlite(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.AddSingleton<IDbContextFactory<AutoIfDbContext>, AutoIfDbContextFactory<SqliteAutoIfDbContext>>();
        }
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<RunLock>();
        return services;
    }

    /// <summary>SQLite as the app uses it: the data folder's database file and the per-connection tuning.</summary>
    public static DbContextOptionsBuilder UseAutoIfSqlite(this DbContextOptionsBuilder builder, StorageOptions options) =>
        builder.UseSqlite(SqliteConnectionString(options)).AddInterceptors(new SqliteConnectionTuning())
            // SQLite rebuilds a table to alter or drop a column, with foreign keys off outside the transaction; EF warns that
            // a crash there leaves the migration half applied. A new database has nothing to lose, and an existing one is
            // copied first (DatabaseInitializer), so the warning would only alarm a user who can do nothing about it.
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));

    // A generous busy timeout: the web app, Hangfire workers and the CLI may write to one file at once.
    public static string SqliteConnectionString(StorageOptions options) =>
        $"Data Source={options.SqlitePath};Default Timeout=60;Pooling=True";
}
