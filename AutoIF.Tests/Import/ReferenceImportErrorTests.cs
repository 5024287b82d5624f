using System.Text.Json;
using AutoIF.Core.Import;

namespace AutoIF.Tests.Import;

public class ReferenceImportErrorTests
{
    private const string Func = "def evaluate(response):\\n    return True\\n";

    private static string QueryRftLine(int n) =>
        $$"""{"prompt": "Answer briefly. Query {{n}}", "instruction": "Answer briefly.", "eval_func": [["{{Func}}", 1.0]], "cases": [["ok", true]], "gpt-answer": ["Fine {{n}}."]}""";

    public static TheoryData<string, string, string, int, string> BrokenFiles => new()
    {
        {
            ImportFormats.EvalFunc, "eval_func_rft.jsonl",
            """
            {"instruction": "Use two words.", "gpt-answer": ["no json"]}
            {"instruction": "Use three words.", "gpt-answer": []}
            {"instruction": "Use four words.", "gpt-answer": [
            """, 3, "not valid JSON"
        },
        {
            ImportFormats.EvalFunc, "eval_func_rft.jsonl",
            """
            {"instruction": "Use two words.", "gpt-answer": []}
            {"instruction": "Use three words.", "gpt-answer": "```json {}```"}
            """, 2, "\"gpt-answer\" must be a list, found a string"
        },
        {
            ImportFormats.EvalFunc, "eval_func_rft.jsonl",
            """{"prompt": "p", "gpt-answer": []}""", 1, "\"instruction\" is missing"
        },
        {
            ImportFormats.EvalFunc, "eval_func_rft.jsonl",
            "\n[{\"instruction\": \"x\"}]\n", 2, "expected a JSON object, found a list"
        },
        {
            ImportFormats.QueryRft, "query_rft.jsonl",
            string.Join('\n', Enumerable.Range(1, 6).Select(QueryRftLine)) + "\n" +
            $$"""{"prompt": "p", "instruction": "Answer briefly.", "eval_func": "{{Func}}", "cases": [], "gpt-answer": []}""",
            7, "\"eval_func\" must be a list, found a string"
        },
        {
            ImportFormats.QueryRft, "query_rft.jsonl",
            $$"""{"prompt": "p", "instruction": "i", "eval_func": [], "cases": [], "gpt-answer": ["a", 3]}""", 1, "\"gpt-answer\"[1] must be a string, found a number"
        },
        {
            ImportFormats.BackTrans, "back_trans.jsonl",
            $$"""
            {"instruction": "Answer briefly.", "eval_func": [["{{Func}}", 1.0]], "cases": [["ok", true]], "back_instruction": ["Be brief."]}
            {"instruction": "Answer at length.", "eval_func": [["{{Func}}", 1.0]], "cases": [["ok", true]]}
            """, 2, "\"back_instruction\" is missing"
        },
        {
            ImportFormats.BackTrans, "back_trans.jsonl",
            $$"""{"instruction": "Answer briefly.", "eval_func": [["{{Func}}", 1.0]], "cases": [["ok", "maybe"]], "back_instruction": []}""",
            1, "\"cases\"[0] must be [input, bool] or {\"input\": text, \"output\": bool}"
        },
        {
            ImportFormats.DpoQuery, "dpo_query_w_funcs.jsonl",
            $$"""{"prompt": "Answer briefly. Hi?", "eval_func": [["{{Func}}", "high"]], "gpt-answer": []}""",
            1, "\"eval_func\"[0] accuracy must be a number from 0 to 1, found a string"
        },
        {
            ImportFormats.DpoQuery, "dpo_query_w_funcs.jsonl", "\n\n  \n", 3, "the file holds no records"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_malformed_file_is_rejected_with_file_line_and_reason_and_stores_nothing(string format, string fileName, string content, int line, string reason)
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        // Something already in the database, so "nothing stored" is measured against real rows.
        await database.ImportFixtureAsync(ImportFormats.QueryRft, "query_rft.jsonl", run: "existing");
        var before = await database.CountAsync();

        var error = await Assert.ThrowsAsync<ImportException>(() =>
            database.Get<RunImporter>().ImportAsync(format, ImportTestKit.Text(content), fileName, "new run"));

        Assert.Equal((fileName, line), (error.FileName, error.Line));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{fileName} line {line}: {reason}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.CountAsync());
    }

    [Fact]
    public async Task A_bad_line_after_valid_lines_in_an_existing_run_stores_none_of_the_valid_lines()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await database.ImportFixtureAsync(ImportFormats.QueriesText, "queries.txt", run: "existing");
        var before = await database.CountAsync();
        var content = string.Join('\n', Enumerable.Range(1, 5).Select(QueryRftLine)) + "\n{\"prompt\": \"p\"}\n";

        var error = await Assert.ThrowsAsync<ImportException>(() =>
            database.Get<RunImporter>().ImportAsync(ImportFormats.QueryRft, ImportTestKit.Text(content), "/tmp/upload/query_rft.jsonl", "existing"));

        Assert.Equal("query_rft.jsonl line 6: \"instruction\" is missing", error.Message);
        Assert.Equal(before, await database.CountAsync());
    }

    [Fact]
    public async Task An_unknown_format_is_refused_with_the_known_names()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            database.Get<RunImporter>().ImportAsync("alpaca", ImportTestKit.Text("{}"), "x.jsonl", "run"));

        Assert.Contains("autoif-eval-func, autoif-back-trans, autoif-query-rft, autoif-dpo-query, queries-sharegpt, queries-text, queries-csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await database.CountAsync()).Runs);
    }

    [Fact]
    public void The_fixture_lines_are_json_objects_in_the_reference_shapes()
    {
        // Guards the fixtures themselves: a fixture that stopped being valid JSONL would make the happy paths test nothing.
        foreach (var name in new[] { "eval_func_rft.jsonl", "back_trans.jsonl", "query_rft.jsonl", "dpo_query_w_funcs.jsonl" })
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", name)).Where(l => l.Length > 0).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
        }
    }
}
