using AutoIF.Tests.Infrastructure;

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
    }

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
