using AutoIF.Core.Reports;
using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AutoIF.Tests.Storage;

public class MigrationTests
{
    [Fact]
    public async Task First_start_creates_the_database_file_applies_every_migration_and_loads_both_seed_sets()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.True(File.Exists(database.SqlitePath));
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        var seeds = await db.SeedInstructions.OrderBy(s => s.Id).ToListAsync();
        Assert.InRange(seeds.Count(s => s.Set == SeedSets.AutoIf), 35, 50);
        Assert.InRange(seeds.Count(s => s.Set == SeedSets.IfEvalTypes), 35, 50);
        Assert.All(seeds, s => Assert.True(s.IsBuiltIn));
        // The default set is loaded first, so its seeds have the lowest ids.
        Assert.Equal(SeedSets.AutoIf, seeds[0].Set);
    }

    [Fact]
    public async Task A_second_start_on_the_same_folder_keeps_the_data_and_adds_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.SeedInstructions.Add(new AutoIF.Core.Domain.SeedInstruction { Text = "Mine.", Set = "mine", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var before = await database.CreateContext().SeedInstructions.CountAsync();

        await database.Get<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(before, await database.CreateContext().SeedInstructions.CountAsync());
    }

    [Fact]
    public async Task Upgrading_a_database_with_instructions_makes_them_searchable()
    {
        using var folder = new TempFolder("autoif-upgrade");
        var contexts = new SqliteFileContextFactory(folder.Path);
        await using (var db = contexts.CreateDbContext())
        {
            // The database as the release before full-text search left it.
            await db.GetService<IMigrator>().MigrateAsync("20261126012529_ReviewAndFailureIndexes");
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Runs" ("Id", "Name", "Settings", "Status", "IsDemo", "OnlineRounds", "CreatedAt") VALUES (1, 'old', '{{}}', 3, 0, 0, 0);
                INSERT INTO "Instructions" ("RunId", "Text", "TextHash", "Origin", "Status", "ReviewState", "IsDemo", "CreatedAt")
                VALUES (1, 'Answer in exactly three sentences.', 'h1', 1, 1, 0, 0, 0);
                """);
            await db.Database.MigrateAsync();
        }

        var page = await new InstructionGridQuery(contexts).ExecuteAsync(new InstructionGridRequest(new InstructionGridFilter { Search = "sentences" }));

        Assert.Equal("Answer in exactly three sentences.", Assert.Single(page.Rows).Text);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_checked_in_migrations()
    {
        using var sqlite = new SqliteAutoIfDbContext(new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --context SqliteAutoIfDbContext (see README)");
        using var postgres = new PostgresAutoIfDbContext(new DbContextOptionsBuilder<PostgresAutoIfDbContext>().UseNpgsql("Host=localhost").Options);
        Assert.False(postgres.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --context PostgresAutoIfDbContext (see README)");
    }
}
