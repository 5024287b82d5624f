using System.Text.RegularExpressions;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Web.Cli;

/// <summary><c>verifier edit|show|history</c> and <c>verify --reverify</c> as a user runs them: the built app as a process.</summary>
public class VerifierCliTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import");

    [Fact]
    public async Task Fixing_one_function_of_an_imported_file_and_re_verifying_changes_only_that_functions_verdicts()
    {
        using var data = new TempFolder("autoif-versions");
        await Ok(AppProcess.RunCliAsync(data.Path, "run", "create", "ref"));
        await Ok(AppProcess.RunCliAsync(data.Path, "import", "--format", "autoif-query-rft", Path.Combine(Fixtures, "query_rft.jsonl"), "--run", "ref"));
        await Ok(AppProcess.RunCliAsync(data.Path, "verify", "--run", "ref"));

        // Verifier #1 is the file's first function, "fewer than 50 words"; every answer to its queries has 14 to 17 words.
        var shown = await Ok(AppProcess.RunCliAsync(data.Path, "verifier", "show", "1"));
        Assert.Equal("def evaluate(response):\n    return len(response.split()) < 50\n", shown);
        var fixedFile = Path.Combine(data.Path, "fixed.py");
        await File.WriteAllTextAsync(fixedFile, "def evaluate(response):\n    return len(response.split()) < 10\n");
        var edit = await Ok(AppProcess.RunCliAsync(data.Path, "verifier", "edit", "1", "--file", fixedFile, "--note", "the instruction meant ten"));
        Assert.Matches(@"saved verifier #\d+ as version 2 of instruction \d+ in run 'ref'; `verify --run ref --reverify` re-verifies", edit);

        var reverify = await Ok(AppProcess.RunCliAsync(data.Path, "verify", "--run", "ref", "--reverify"));

        Assert.Matches(@"verdict flips: [1-9]\d* true→false, 0 false→true in 1 verifier\(s\)", reverify);
        Assert.Matches(@"verifier #\d+ v2 \(instruction \d+, was v1\): [1-9]\d* true→false, 0 false→true", reverify);
        Assert.Contains("response ", reverify, StringComparison.Ordinal);
        Assert.Contains("funnel before → after:", reverify, StringComparison.Ordinal);
        var history = await Ok(AppProcess.RunCliAsync(data.Path, "verifier", "history", "1"));
        var lines = history.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^v1\s+#1\s+-\s+unchecked\s+superseded", lines[0]);
        Assert.Matches(@"^v2\s+#\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+ok\s+current\s+the instruction meant ten", lines[1]);
        Assert.Contains("self-test: rejected", history, StringComparison.Ordinal);
        Assert.Contains("return len(response.split()) < 10", await Ok(AppProcess.RunCliAsync(data.Path, "verifier", "show", "1", "--version", "2")), StringComparison.Ordinal);
        var status = await Ok(AppProcess.RunCliAsync(data.Path, "run", "status", "ref"));
        Assert.Matches(@"last re-verification #1 \(.*\): done", status);
        Assert.Contains("verdict flips:", status, StringComparison.Ordinal);
        // The edit and the re-verification are on the run's audit list, newest first, under the operating-system user.
        var audit = (await Ok(AppProcess.RunCliAsync(data.Path, "run", "audit", "ref"))).Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Matches(@$" {Regex.Escape(Environment.UserName)} \(cli\) +reverify +re-verification #1 in the CLI's process", audit[0]);
        Assert.Matches(@$" {Regex.Escape(Environment.UserName)} \(cli\) +verifier-edit +verifier #\d+ v2 of instruction #\d+: the instruction meant ten", audit[1]);
    }

    [Fact]
    public async Task Regenerate_saves_the_models_function_as_the_next_version_on_the_audit_list_and_a_dead_endpoint_saves_nothing()
    {
        using var data = new TempFolder("autoif-versions");
        await Ok(AppProcess.RunCliAsync(data.Path, "run", "create", "ref"));
        await Ok(AppProcess.RunCliAsync(data.Path, "import", "--format", "autoif-query-rft", Path.Combine(Fixtures, "query_rft.jsonl"), "--run", "ref"));
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ModelName = PipelineHarness.SupervisionModel;
        server.Enqueue(FakeReply.Answer(VerifierAnswers.Json("def evaluate(response):\n    return len(response.split()) < 12\n", ("one two", true))));

        var regenerated = await Ok(AppProcess.RunCliAsync(data.Path, [.. Model(server.BaseUrl), "verifier", "regenerate", "1", "--note", "try again"]));

        Assert.Matches(@"saved the model's new function as verifier #\d+, version 2 of instruction \d+ in run 'ref'", regenerated);
        Assert.Equal(1, server.ChatRequestCount);
        Assert.Contains("return len(response.split()) < 12", await Ok(AppProcess.RunCliAsync(data.Path, "verifier", "show", "1", "--version", "2")), StringComparison.Ordinal);
        var dead = new Uri($"http://127.0.0.1:{server.BaseUrl.Port}/v1/");
        await server.DisposeAsync();
        var refused = await AppProcess.RunCliAsync(data.Path, [.. Model(dead), "verifier", "regenerate", "1"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the model gave no usable function (", refused.Output, StringComparison.Ordinal);
        Assert.Contains("nothing saved.", refused.Output, StringComparison.Ordinal);
        var audit = (await Ok(AppProcess.RunCliAsync(data.Path, "run", "audit", "ref"))).Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, audit.Count);
        Assert.Matches(@$" {Regex.Escape(Environment.UserName)} \(cli\) +verifier-regenerate +verifier #\d+ v2 of instruction #\d+: regenerated by the model: try again", audit[0]);
        Assert.Contains(" import ", audit[1], StringComparison.Ordinal);
    }

    /// <summary>The supervision model at <paramref name="baseUrl"/>, as configuration the CLI takes beside a verb.</summary>
    private static string[] Model(Uri baseUrl) =>
    [
        "--Llm:Mode=Endpoint", $"--Llm:Supervision:BaseUrl={baseUrl}", $"--Llm:Supervision:Model={PipelineHarness.SupervisionModel}",
        "--Llm:Supervision:ApiKey=sk-cli-test", "--Llm:Resilience:MaxRetries=0",
    ];

    [Fact]
    public async Task Bad_ids_files_and_options_fail_with_a_one_line_reason()
    {
        using var data = new TempFolder("autoif-versions");
        await Ok(AppProcess.RunCliAsync(data.Path, "run", "create", "empty"));

        var noVerifier = await AppProcess.RunCliAsync(data.Path, "verifier", "history", "42");
        var noFile = await AppProcess.RunCliAsync(data.Path, "verifier", "edit", "42", "--file", Path.Combine(data.Path, "missing.py"));
        var notValidated = await AppProcess.RunCliAsync(data.Path, "verify", "--run", "empty", "--reverify");
        var instructionAlone = await AppProcess.RunCliAsync(data.Path, "verify", "--run", "empty", "--instruction", "3");

        Assert.Equal((1, true), (noVerifier.ExitCode, noVerifier.Output.Contains("autoif: There is no verifier #42.", StringComparison.Ordinal)));
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("missing.py: no such file.", noFile.Output, StringComparison.Ordinal);
        Assert.Equal(1, notValidated.ExitCode);
        Assert.Contains("Run 'empty' has not been cross-validated yet", notValidated.Output, StringComparison.Ordinal);
        Assert.Equal(1, instructionAlone.ExitCode);
        Assert.Contains("--instruction goes with --reverify.", instructionAlone.Output, StringComparison.Ordinal);
    }

    private static async Task<string> Ok(Task<(int ExitCode, string Output)> command)
    {
        var (exitCode, output) = await command;
        Assert.True(exitCode == 0, output);
        return output;
    }
}
