using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Storage;

public class MigrationTests
{
    [Fact]
    public async Task First_start_creates_the_database_file_applies_every_migration_and_loads_the_seeds()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.True(File.Exists(database.SqlitePath));
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        var seeds = await db.SeedInstructions.CountAsync();
        Assert.InRange(seeds, 35, 50);
    }

    [Fact]
    public async Task A_second_start_on_the_same_folder_keeps_the_data_and_adds_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.SeedInstructions.Add(new AutoIF.Core.Domain.SeedInstruction { Text = "Mine.", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var before = await database.CreateContext().SeedInstructions.CountAsync();

        await database.Get<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(before, await database.CreateContext().SeedInstructions.CountAsync());
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
