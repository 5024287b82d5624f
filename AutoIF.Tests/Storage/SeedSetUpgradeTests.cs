using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AutoIF.Tests.Storage;

/// <summary>A database made before seed sets (one catalogue of today's seeds) upgraded by the app's first start, on both providers.</summary>
public class SeedSetUpgradeTests : IClassFixture<PostgresServer>
{
    private const string SqliteBeforeSeedSets = "20261126040651_GridSearchAndPaging";
    private const string PostgresBeforeSeedSets = "20261126040704_GridSearchAndPaging";

    private readonly PostgresServer _postgres;

    public SeedSetUpgradeTests(PostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task On_sqlite_the_seeds_a_database_held_become_the_ifeval_types_set_and_the_default_set_is_added()
    {
        using var folder = new TempFolder("autoif-seed-upgrade");
        var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>()
            .UseSqlite(StorageServiceCollectionExtensions.SqliteConnectionString(new StorageOptions { DataFolder = folder.Path })).Options;
        await using (var db = new SqliteAutoIfDbContext(options))
        {
            await MakeTodaysDatabaseAsync(db, SqliteBeforeSeedSets, 0L);
        }
        SqliteConnection.ClearAllPools();

        await AssertUpgradedAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.Path });
    }

    [Fact]
    public async Task On_postgresql_the_seeds_a_database_held_become_the_ifeval_types_set_and_the_default_set_is_added()
    {
        const string database = "autoif_seed_upgrade";
        var options = new DbContextOptionsBuilder<PostgresAutoIfDbContext>().UseNpgsql(_postgres.ConnectionString(database)).Options;
        await using (var db = new PostgresAutoIfDbContext(options))
        {
            await MakeTodaysDatabaseAsync(db, PostgresBeforeSeedSets, DateTimeOffset.UtcNow);
        }

        await AssertUpgradedAsync(_postgres.StorageSettings(database));
    }

    /// <summary>The schema of the release before seed sets, holding a built-in seed of today's set and one a user added.</summary>
    private static async Task MakeTodaysDatabaseAsync(AutoIfDbContext db, string lastMigration, object createdAt)
    {
        await db.GetService<IMigrator>().MigrateAsync(lastMigration);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "SeedInstructions" ("Text", "IsBuiltIn", "CreatedAt") VALUES ('Answer in fewer than 50 words.', TRUE, {0});
            INSERT INTO "SeedInstructions" ("Text", "IsBuiltIn", "CreatedAt") VALUES ('Mention the colour of the sky.', FALSE, {0});
            """,
            createdAt);
    }

    private static async Task AssertUpgradedAsync(IDictionary<string, string?> storage)
    {
        await using (var database = await TestDatabase.CreateAsync(storage))
        {
            var catalog = database.Get<SeedCatalog>();
            var kept = await catalog.ListAsync(SeedSets.IfEvalTypes);
            Assert.Equal(
                [(1, "Answer in fewer than 50 words.", true), (2, "Mention the colour of the sky.", false)],
                kept.Select(s => (s.Id, s.Text, s.IsBuiltIn)));
            var added = await catalog.ListAsync(SeedSets.AutoIf);
            Assert.Equal(BuiltInSeeds.Load(SeedSets.AutoIf), added.Select(s => s.Text));
            Assert.All(added, s => Assert.True(s.IsBuiltIn));
            Assert.True(added.All(s => s.Id > 2), "the new set comes after the seeds the database held");
        }

        // A second start adds nothing: the upgrade happened once, in the migration.
        await using var again = await TestDatabase.CreateAsync(storage);
        Assert.Equal(2 + BuiltInSeeds.Load(SeedSets.AutoIf).Count, (await again.Get<SeedCatalog>().ListAsync()).Count);
    }
}
