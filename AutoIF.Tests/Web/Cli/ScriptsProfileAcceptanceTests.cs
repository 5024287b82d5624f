using System.Text.Json.Nodes;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.Cli;

/// <summary>
/// Issue acceptance: under <c>Profile=scripts</c>, importing the published eval_func_rft.jsonl (and seeded variants),
/// running <c>verify</c> and exporting the verifiers gives what the published code/3_cross_validation.py wrote for the
/// same file: the same instructions, the same functions with the same accuracies, the same cases as JSON values.
/// </summary>
public class ScriptsProfileAcceptanceTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reference");

    [Theory]
    [InlineData("eval_func_rft.jsonl", "cross_validation.jsonl")]
    [InlineData("eval_func_rft-subsampled.jsonl", "cross_validation-subsampled.jsonl")]
    [InlineData("eval_func_rft-flipped.jsonl", "cross_validation-flipped.jsonl")]
    [InlineData("eval_func_rft-mixed.jsonl", "cross_validation-mixed.jsonl")]
    public async Task Import_verify_and_export_reproduce_the_scripts_cross_validation(string input, string expectedFile)
    {
        using var data = new TempFolder("autoif-scripts");
        await Ok(AppProcess.RunCliAsync(data.Path, "run", "create", "ref", "--set", "Profile=scripts"));
        await Ok(AppProcess.RunCliAsync(data.Path, "import", "--format", "autoif-eval-func", Path.Combine(Fixtures, input), "--run", "ref"));
        await Ok(AppProcess.RunCliAsync(data.Path, "verify", "--run", "ref"));
        var output = Path.Combine(data.Path, "verifiers.jsonl");
        await Ok(AppProcess.RunCliAsync(data.Path, "export", "--run", "ref", "--kind", "verifiers", "--format", "autoif-cross-validation", "--out", output));

        var expected = Read(Path.Combine(Fixtures, expectedFile));
        var actual = Read(output);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (instruction, want) in expected)
        {
            var got = actual[instruction];
            Assert.Equal(want.Functions.Keys.Order(StringComparer.Ordinal), got.Functions.Keys.Order(StringComparer.Ordinal));
            foreach (var (code, accuracy) in want.Functions)
            {
                Assert.True(Math.Abs(accuracy - got.Functions[code]) < 1e-6, $"{instruction}: accuracy {got.Functions[code]} for a function the script scored {accuracy}");
            }
            Assert.Equal(want.Cases.Order(StringComparer.Ordinal), got.Cases.Order(StringComparer.Ordinal));
        }
    }

    private static async Task Ok(Task<(int ExitCode, string Output)> command)
    {
        var result = await command;
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private static Dictionary<string, (Dictionary<string, double> Functions, List<string> Cases)> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToDictionary(
            row => row["instruction"]!.GetValue<string>(),
            row => (
                row["eval_func"]!.AsArray().ToDictionary(f => f![0]!.GetValue<string>(), f => f![1]!.GetValue<double>()),
                row["cases"]!.AsArray().Select(c => c!.ToJsonString()).ToList()));
}
