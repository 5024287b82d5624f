using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Pipeline.Queries;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Import;

public class BuiltInQueryPoolTests
{
    [Fact]
    public void Built_in_pool_holds_about_eighty_distinct_queries_inside_the_default_length_window()
    {
        var queries = BuiltInQueries.Load();

        Assert.InRange(queries.Count, 75, 100);
        Assert.All(queries, q => Assert.InRange(q.Length, 20, 300));
        Assert.Equal(queries.Count, queries.Select(TextHash.Normalized).Distinct().Count());
    }

    [Fact]
    public async Task A_run_without_a_pool_gets_the_built_in_pool_once_and_a_run_with_one_keeps_its_own()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var importer = database.Get<RunImporter>();
        var empty = await database.Get<RunService>().CreateAsync("no pool", new RunSettings());
        await database.ImportFixtureAsync(ImportFormats.QueriesText, "queries.txt", run: "own pool");
        var own = await database.Get<RunService>().GetAsync("own pool");

        var added = await importer.EnsureQueryPoolAsync(empty.Id);
        var second = await importer.EnsureQueryPoolAsync(empty.Id);
        var untouched = await importer.EnsureQueryPoolAsync(own.Id);

        Assert.NotNull(added);
        Assert.Equal((BuiltInQueries.Load().Count, 0), (added.Queries, added.DroppedQueries));
        Assert.Null(second);
        Assert.Null(untouched);
        await using var db = database.CreateContext();
        Assert.All(await db.Queries.Where(q => q.RunId == empty.Id).ToListAsync(), q => Assert.Equal(("built-in", ItemStatus.Kept), (q.Source, q.Status)));
        Assert.Equal(5, await db.Queries.CountAsync(q => q.RunId == own.Id));
    }
}
