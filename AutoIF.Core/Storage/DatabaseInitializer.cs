using AutoIF.Core.Domain;
using AutoIF.Core.Seeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Storage;

/// <summary>Creates the data folder, applies migrations and loads the built-in seeds on first start.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.Value.DataFolderPath);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets pages read while jobs write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        // MigrateAsync also diffs the model against the last snapshot, a few hundred milliseconds every CLI verb would pay.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (!await db.SeedInstructions.AnyAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            db.SeedInstructions.AddRange(BuiltInSeeds.Load().Select(text => new SeedInstruction { Text = text, IsBuiltIn = true, CreatedAt = now }));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Loaded the built-in seed instructions");
        }
        logger.LogInformation("Storage ready ({Provider}) in {Folder}", db.Database.ProviderName, options.Value.DataFolderPath);
    }
}
