using System.Text.Json;
using AutoIF.Tests.Export;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Cli;

namespace AutoIF.Tests.Web.Cli;

/// <summary><c>export</c>'s flags parsed by the real command and carried out against a real database.</summary>
public class ExportCommandTests
{
    [Theory]
    [InlineData(false, ReasoningRun.Answer)]
    [InlineData(true, ReasoningRun.WithReasoning)]
    public async Task Include_reasoning_puts_the_reasoning_before_the_answer_of_an_sft_file(bool flag, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await ReasoningRun.SeedAsync(db);
        }
        using var folder = new TempFolder("autoif-export-cli");
        var output = Path.Combine(folder.Path, "sft.jsonl");
        string[] args = ["export", "--run", ReasoningRun.Name, "--kind", "sft", "--format", "messages", "--out", output];

        var parse = ExportCommand.Build(database.Services).Parse(flag ? [.. args, "--include-reasoning"] : args);
        Assert.Empty(parse.Errors);
        Assert.Equal(0, await parse.InvokeAsync());

        var row = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(output))).RootElement;
        Assert.Equal(expected, row.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant").GetProperty("content").GetString());
    }
}
