using AutoIF.Core.Seeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Storage;

/// <summary>
/// Creates the data folder, applies migrations and, when the database holds no seed at all (first start), loads every
/// built-in seed set. A database from before seed sets gets the new default set from the SeedSets migration instead.
/// </summary>
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
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            if (db.Database.IsSqlite() && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
            {
                await BackUpSqliteAsync(db, pending, cancellationToken);
            }
            await db.Database.MigrateAsync(cancellationToken);
            // Only after migrations ran, so a verb on an up-to-date database pays nothing; it touches only reasons without a code.
            var upgraded = await DropReasonUpgrade.RunAsync(db, cancellationToken);
            if (upgraded > 0)
            {
                logger.LogInformation("Gave {Rows} stored drop reasons their codes", upgraded);
            }
        }

        if (!await db.SeedInstructions.AnyAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            // One set at a time, so the default set takes the first ids.
            foreach (var set in SeedSets.BuiltIn)
            {
                db.SeedInstructions.AddRange(BuiltInSeeds.Load(set).Select(text => new SeedInstruction { Text = text, Set = set, IsBuiltIn = true, CreatedAt = now }));
                await db.SaveChangesAsync(cancellationToken);
            }
            logger.LogInformation("Loaded the built-in seed sets {Sets}", string.Join(", ", SeedSets.BuiltIn));
        }
        logger.LogInformation("Storage ready ({Provider}) in {Folder}", db.Database.ProviderName, options.Value.DataFolderPath);
    }

    /// <summary>
    /// A consistent copy of the database before an upgrade changes it: a SQLite migration that rebuilds a table cannot run
    /// in one transaction, so a crash midway would otherwise leave the data half migrated. PostgreSQL migrates in a
    /// transaction and its operators back it up their own way.
    /// </summary>
    private async Task BackUpSqliteAsync(AutoIfDbContext db, IReadOnlyList<string> pending, CancellationToken cancellationToken)
    {
        var backup = $"{options.Value.SqlitePath}.before-{pending[^1]}.bak";
        if (File.Exists(backup))
        {
            // An earlier start copied it and then stopped inside the upgrade: that copy is the one from before.
            return;
        }
        var partial = backup + ".partial";
        File.Delete(partial);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {partial}", cancellationToken);
        File.Move(partial, backup);
        logger.LogWarning("Upgrading the database ({Count} migrations, up to {Migration}); a copy from before is in {Backup}. Delete it once the app works.",
            pending.Count, pending[^1], backup);
    }
}
