using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Pipeline;

public class RunDeleterPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task On_postgresql_deleting_the_source_leaves_no_row_of_it_and_the_clone_intact()
    {
        var settings = RunRows.DemoSettings;
        foreach (var (key, value) in postgres.StorageSettings("autoif_delete"))
        {
            settings[key] = value;
        }
        await using var database = await TestDatabase.CreateAsync(settings);
        var (source, clone) = await RunRows.DemoRunAndCloneAsync(database);
        var cloneSft = await RunRows.ExportSftAsync(database, "copy");
        Dictionary<string, long> cloneBefore;
        await using (var db = database.CreateContext())
        {
            cloneBefore = await RunRows.CountAsync(db, clone);
        }

        await database.Get<RunDeleter>().DeleteAsync(source);

        await using var read = database.CreateContext();
        Assert.All(await RunRows.CountAsync(read, source), t => Assert.True(t.Value == 0, $"{t.Value} rows of the deleted run left in {t.Key}"));
        cloneBefore["Runs"] = 1;
        Assert.Equal(cloneBefore, await RunRows.CountAsync(read, clone));
        Assert.Equal(cloneSft, await RunRows.ExportSftAsync(database, "copy"));
    }
}
