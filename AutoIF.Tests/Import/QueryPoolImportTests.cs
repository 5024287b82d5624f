using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Import;

public class QueryPoolImportTests
{
    [Fact]
    public async Task Text_pool_keeps_queries_in_the_length_window_drops_the_rest_with_reasons_and_skips_duplicates()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.QueriesText, "queries.txt");

        Assert.Equal((5, 2, 1, 0), (result.Queries, result.DroppedQueries, result.Skipped, result.Instructions));
        await using var db = database.CreateContext();
        var queries = await db.Queries.OrderBy(q => q.Id).ToListAsync();
        Assert.Equal(
            [(ItemStatus.Kept, null), (ItemStatus.Kept, null), (ItemStatus.Dropped, "shorter than 20 characters"), (ItemStatus.Dropped, "longer than 300 characters"), (ItemStatus.Kept, (string?)null)],
            queries.Select(q => (q.Status, q.DropReason)));
        Assert.Equal("How do I make a sourdough starter from scratch?", queries[0].Text);
        Assert.Equal("Hi there", queries[2].Text);
        Assert.All(queries, q => Assert.Equal(("queries.txt", q.Text.Length, TextHash.Normalized(q.Text)), (q.Source, q.Length, q.TextHash)));
        // A pool feeds the Queries stage later; it stands in for no stage.
        Assert.Empty(await db.StageProgress.ToListAsync());
        Assert.False((await db.Runs.SingleAsync()).IsDemo);
    }

    [Fact]
    public async Task Length_window_comes_from_the_run_settings()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var settings = RunSettingsEditor.Apply(new RunSettings(), [new("Queries:MinLength", "50"), new("Queries:MaxLength", "350")]);
        await database.Get<RunService>().CreateAsync("strict", settings);

        var result = await database.ImportFixtureAsync(ImportFormats.QueriesText, "queries.txt", run: "strict");

        Assert.Equal((5, 3), (result.Queries, result.DroppedQueries));
        await using var db = database.CreateContext();
        var dropped = await db.Queries.Where(q => q.Status == ItemStatus.Dropped).OrderBy(q => q.Id).Select(q => q.DropReason).ToListAsync();
        Assert.Equal(["shorter than 50 characters", "shorter than 50 characters", "longer than 350 characters"], dropped);
    }

    [Fact]
    public async Task Importing_a_pool_again_adds_nothing()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await database.ImportFixtureAsync(ImportFormats.QueriesCsv, "queries.csv");
        var before = await database.CountAsync();

        var again = await database.ImportFixtureAsync(ImportFormats.QueriesCsv, "queries.csv");

        Assert.Equal((0, 4), (again.Queries, again.Skipped));
        Assert.Equal(before, await database.CountAsync());
    }

    [Fact]
    public async Task ShareGpt_array_takes_the_first_human_turn_and_counts_conversations_without_one()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.QueriesShareGpt, "sharegpt.json");

        Assert.Equal((3, 1), (result.Queries, result.DroppedQueries));
        Assert.Contains("1 conversation(s) without a non-empty human or user turn skipped", result.Warnings);
        await using var db = database.CreateContext();
        Assert.Equal(
            ["What are some tips for learning to play the guitar as an adult?", "Summarise the plot of Hamlet in three sentences.", "Yo"],
            await db.Queries.OrderBy(q => q.Id).Select(q => q.Text).ToListAsync());
    }

    [Fact]
    public async Task ShareGpt_lines_accept_messages_with_role_and_content()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.QueriesShareGpt, "sharegpt.jsonl");

        Assert.Equal(2, result.Queries);
        await using var db = database.CreateContext();
        Assert.Equal(
            ["Write a limerick about a cat who loves boxes.", "What are some tips for learning to play the guitar as an adult?"],
            await db.Queries.OrderBy(q => q.Id).Select(q => q.Text).ToListAsync());
    }

    [Fact]
    public async Task Csv_pool_reads_the_named_column_with_quoted_commas_quotes_and_newlines()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.QueriesCsv, "queries.csv");

        Assert.Equal((4, 1), (result.Queries, result.DroppedQueries));
        await using var db = database.CreateContext();
        Assert.Equal(
            ["Compare renting and buying a home, briefly.", "Explain the phrase \"break the ice\" to a language learner.",
             "Write a two-line poem\nabout autumn leaves falling.", "Short one"],
            await db.Queries.OrderBy(q => q.Id).Select(q => q.Text).ToListAsync());
    }

    [Fact]
    public async Task Csv_column_can_be_named()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var csv = "lang,text\nen,How do I repot an orchid without damaging the roots?\nfr,\"Comment rempoter une orchidée, sans abîmer les racines ?\"\n";

        var result = await database.Get<RunImporter>().ImportAsync(
            ImportFormats.QueriesCsv, ImportTestKit.Text(csv), "orchids.csv", "run", new ImportOptions { Column = "text" }, CancellationToken.None);

        Assert.Equal(2, result.Queries);
        await using var db = database.CreateContext();
        Assert.Equal("Comment rempoter une orchidée, sans abîmer les racines ?", await db.Queries.OrderBy(q => q.Id).Select(q => q.Text).LastAsync());
    }

    [Fact]
    public async Task Jsonl_pool_reads_the_named_field_and_counts_empty_and_null_ones()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await using var file = ImportTestKit.Fixture("queries.jsonl");

        var result = await database.Get<RunImporter>().ImportAsync(
            ImportFormats.QueriesJsonl, file, "queries.jsonl", "run", new ImportOptions { Column = "prompt" }, CancellationToken.None);

        Assert.Equal((3, 1), (result.Queries, result.DroppedQueries));
        Assert.Contains("2 record(s) with an empty or null \"prompt\" skipped", result.Warnings);
        await using var db = database.CreateContext();
        Assert.Equal(
            ["How do I keep basil alive on a windowsill through winter?", "Explain what a \"leap second\" is and why it exists.", "Tips?"],
            await db.Queries.OrderBy(q => q.Id).Select(q => q.Text).ToListAsync());
    }

    [Fact]
    public async Task Parquet_pool_reads_the_named_column_across_row_groups()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var bytes = await ParquetPool.WriteAsync("question",
            ["How do I keep basil alive on a windowsill through winter?", null],
            ["Explain what a leap second is and why it exists.", "  ", "Tips?"]);

        var preview = await database.Get<RunImporter>().PreviewAsync(ImportFormats.QueriesParquet, new MemoryStream(bytes), "train-00000-of-00001.parquet", 10, options: new ImportOptions { Column = "question" });
        var result = await database.Get<RunImporter>().ImportAsync(
            ImportFormats.QueriesParquet, new MemoryStream(bytes), "train-00000-of-00001.parquet", "run", new ImportOptions { Column = "question" }, CancellationToken.None);

        Assert.Equal([1, 3, 5], preview.Select(p => p.Line));
        Assert.Equal((3, 1), (result.Queries, result.DroppedQueries));
        Assert.Contains("2 row(s) with an empty or null \"question\" skipped", result.Warnings);
        await using var db = database.CreateContext();
        var queries = await db.Queries.OrderBy(q => q.Id).ToListAsync();
        Assert.Equal(["How do I keep basil alive on a windowsill through winter?", "Explain what a leap second is and why it exists.", "Tips?"], queries.Select(q => q.Text));
        Assert.All(queries, q => Assert.Equal("train-00000-of-00001.parquet", q.Source));
    }

    [Fact]
    public async Task Parquet_pool_reads_from_a_stream_that_cannot_seek()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var bytes = await ParquetPool.WriteAsync("query", ["How do I keep basil alive on a windowsill through winter?"]);

        var result = await database.Get<RunImporter>().ImportAsync(ImportFormats.QueriesParquet, new ForwardOnlyStream(bytes), "pool.parquet", "run");

        Assert.Equal(1, result.Queries);
    }

    public static TheoryData<string, string, int, string> BrokenParquetPools => new()
    {
        { "missing", "query", 0, "no column \"query\" (columns: id, prompt)" },
        { "numbers", "query", 0, "column \"query\" holds Int64, not text" },
        { "not-parquet", "query", 0, "not a readable Parquet file" },
        { "empty", "query", 0, "the file holds no queries in column \"query\" (2 rows)" },
    };

    [Theory]
    [MemberData(nameof(BrokenParquetPools))]
    public async Task A_malformed_parquet_pool_is_rejected_with_file_and_reason_and_stores_nothing(string kind, string column, int line, string reason)
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await database.ImportFixtureAsync(ImportFormats.QueriesText, "queries.txt", run: "existing");
        var before = await database.CountAsync();
        var bytes = kind switch
        {
            "missing" => await ParquetPool.WriteAsync("prompt", ["How do I keep basil alive on a windowsill through winter?"]),
            "numbers" => await ParquetPool.WithNumberColumnAsync(),
            "empty" => await ParquetPool.WriteAsync("query", [null, " "]),
            _ => "query\nHow do I keep basil alive?\n"u8.ToArray(),
        };

        var error = await Assert.ThrowsAsync<ImportException>(() =>
            database.Get<RunImporter>().ImportAsync(ImportFormats.QueriesParquet, new MemoryStream(bytes), "pool.parquet", "existing", new ImportOptions { Column = column }, CancellationToken.None));

        Assert.Equal(("pool.parquet", line), (error.FileName, error.Line));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("pool.parquet: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.CountAsync());
    }

    public static TheoryData<string, string, string, int, string> BrokenPools => new()
    {
        { ImportFormats.QueriesCsv, "pool.csv", "id,prompt\n1,How do I repot an orchid safely?\n", 1, "no column \"query\" in the header (columns: id, prompt)" },
        { ImportFormats.QueriesCsv, "pool.csv", "id,query\n1,How do I repot an orchid safely?\n2,\"Why, oh why\",extra\n", 3, "3 fields, but the header has 2" },
        { ImportFormats.QueriesCsv, "pool.csv", "query\nHow do I repot an orchid safely?\n\"An open quote\nthat never closes\n", 3, "a quoted field is not closed" },
        { ImportFormats.QueriesCsv, "pool.csv", "", 1, "the file is empty" },
        { ImportFormats.QueriesText, "pool.txt", "\n   \n", 2, "the file holds no queries" },
        { ImportFormats.QueriesJsonl, "pool.jsonl", "{\"query\": \"How do I repot an orchid safely?\"}\n{\"id\": 2, \"prompt\": \"Why?\"}\n", 2, "no field \"query\" in the record (fields: id, prompt)" },
        { ImportFormats.QueriesJsonl, "pool.jsonl", "{\"query\": \"How do I repot an orchid safely?\"}\n{\"query\": 42}\n", 2, "field \"query\" is a number, expected a string" },
        { ImportFormats.QueriesJsonl, "pool.jsonl", "{\"query\": \"How do I repot an orchid safely?\"}\n\n{\"query\": \n", 3, "not valid JSON" },
        { ImportFormats.QueriesJsonl, "pool.jsonl", "{\"query\": null}\n", 1, "the file holds no queries in field \"query\"" },
        { ImportFormats.QueriesShareGpt, "pool.jsonl", "{\"conversations\": [{\"from\": \"human\", \"value\": \"How do I repot an orchid?\"}]}\n{\"conversations\": [}\n", 2, "not valid JSON" },
        { ImportFormats.QueriesShareGpt, "pool.json", "[\n  {\"conversations\": [{\"from\": \"human\", \"value\": \"How do I repot an orchid?\"}]},\n  {\"id\": 7}\n]\n", 3, "no \"conversations\" (or \"messages\") list" },
        { ImportFormats.QueriesShareGpt, "pool.json", "[\n  {\"conversations\": []},\n\n  {\"conversations\": [}\n]\n", 4, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BrokenPools))]
    public async Task A_malformed_pool_is_rejected_with_file_line_and_reason_and_stores_nothing(string format, string fileName, string content, int line, string reason)
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await database.ImportFixtureAsync(ImportFormats.QueriesText, "queries.txt", run: "existing");
        var before = await database.CountAsync();

        var error = await Assert.ThrowsAsync<ImportException>(() =>
            database.Get<RunImporter>().ImportAsync(format, ImportTestKit.Text(content), fileName, "existing"));

        Assert.Equal((fileName, line), (error.FileName, error.Line));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await database.CountAsync());
    }
}
