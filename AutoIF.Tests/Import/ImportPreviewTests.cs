using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Core.Pipeline;

namespace AutoIF.Tests.Import;

public class ImportPreviewTests
{
    [Fact]
    public async Task Preview_shows_the_first_rows_as_parsed_and_stores_nothing()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var before = await database.CountAsync();
        await using var file = ImportTestKit.Fixture("eval_func_rft.jsonl");

        var rows = await database.Get<RunImporter>().PreviewAsync(ImportFormats.EvalFunc, file, "eval_func_rft.jsonl", 2);

        Assert.Equal(
            [new ImportPreviewRow(1, "Answer in fewer than 50 words.", "2 verifiers, 5 test cases, 1 warning"),
             new ImportPreviewRow(2, "Write your entire answer in lowercase letters.", "1 verifier, 4 test cases")],
            rows);
        Assert.Equal(before, await database.CountAsync());
    }

    [Fact]
    public async Task Preview_of_prompt_files_without_instructions_shows_the_prompt_and_responses()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await using var file = ImportTestKit.Fixture("dpo_query_w_funcs.jsonl");

        var rows = await database.Get<RunImporter>().PreviewAsync(ImportFormats.DpoQuery, file, "dpo_query_w_funcs.jsonl", 10);

        Assert.Equal(3, rows.Count);
        Assert.Equal(new ImportPreviewRow(3, "Wrap your entire response in double quotation marks. Why is the sky blue?", "1 verifier, 0 test cases, 2 responses"), rows[2]);
    }

    [Fact]
    public async Task Preview_of_a_query_pool_says_which_queries_the_run_would_drop()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var settings = RunSettingsEditor.Apply(new RunSettings(), [new("Queries:MinLength", "50")]);
        await database.Get<RunService>().CreateAsync("strict", settings);
        await using var file = ImportTestKit.Fixture("queries.txt");

        var rows = await database.Get<RunImporter>().PreviewAsync(ImportFormats.QueriesText, file, "queries.txt", 3, runName: "strict");

        Assert.Equal(
            [new ImportPreviewRow(1, "How do I make a sourdough starter from scratch?", "dropped: shorter than 50 characters"),
             new ImportPreviewRow(3, "Explain the difference between a Roth IRA and a traditional IRA.", "64 characters"),
             new ImportPreviewRow(4, "how do i make a sourdough starter from   scratch", "dropped: shorter than 50 characters")],
            rows);
    }

    [Fact]
    public async Task Preview_surfaces_the_same_line_accurate_error_as_the_import()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var content = "{\"instruction\": \"Use two words.\", \"gpt-answer\": []}\n{\"instruction\": 5, \"gpt-answer\": []}\n";

        var error = await Assert.ThrowsAsync<ImportException>(() =>
            database.Get<RunImporter>().PreviewAsync(ImportFormats.EvalFunc, ImportTestKit.Text(content), "eval_func_rft.jsonl", 5));

        Assert.Equal("eval_func_rft.jsonl line 2: \"instruction\" must be a non-empty string, found a number", error.Message);
    }

    [Fact]
    public void Format_list_names_the_nine_documented_formats()
    {
        Assert.Equal(
            ["autoif-eval-func", "autoif-back-trans", "autoif-query-rft", "autoif-dpo-query", "queries-sharegpt", "queries-text", "queries-csv", "queries-jsonl", "queries-parquet"],
            RunImporter.Formats.Select(f => f.Name));
        Assert.All(RunImporter.Formats, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        Assert.Equal(ImportFormats.QueriesCsv, ImportFormats.Find(" Queries-CSV ")?.Name);
        Assert.Null(ImportFormats.Find("alpaca"));
    }
}
