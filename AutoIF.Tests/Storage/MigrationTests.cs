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
    public async Task The_first_cli_verb_on_a_new_data_folder_prints_no_migration_warning()
    {
        using var folder = new TempFolder("autoif-first");

        var (exitCode, output) = await AppProcess.RunCliAsync(folder.Path, "run", "create", "first");

        Assert.Equal(0, exitCode);
        Assert.Contains("created run 'first'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be executed in a transaction", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.bak"));
    }

    [Fact]
    public async Task Upgrading_an_existing_database_keeps_a_copy_of_it_from_before()
    {
        const string earlier = "20261201100020_ImportedPromptSourceText";
        string? latest = null;
        await using var database = await TestDatabase.CreateAsync(prepareDataFolder: path =>
        {
            using var db = new SqliteFileContextFactory(path).CreateDbContext();
            latest = db.Database.GetMigrations().Last();
            db.GetService<IMigrator>().Migrate(earlier);
            db.Database.ExecuteSqlRaw("""INSERT INTO "Runs" ("Id", "Name", "Settings", "Status", "IsDemo", "OnlineRounds", "CreatedAt") VALUES (1, 'old', '{{}}', 3, 0, 0, 0);""");
        });

        var backup = $"{database.SqlitePath}.before-{latest}.bak";
        Assert.True(File.Exists(backup), $"no copy at {backup}");
        var copy = new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
        await using var connection = new SqliteConnection(copy);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory") || ' ' || (SELECT "Name" FROM "Runs")""";
        Assert.Equal($"{earlier} old", await command.ExecuteScalarAsync());
        // The upgraded database has the run too, and is at the latest migration.
        await using var db = database.CreateContext();
        Assert.Equal("old", await db.Runs.Select(r => r.Name).SingleAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
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
