using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Cli;

namespace AutoIF.Tests.Web.Cli;

/// <summary>Which command lines serve the web app and which are the CLI's, and how the CLI answers a wrong one.</summary>
public class AutoIfCliTests
{
    private static readonly string[] VerbNames = ["run", "seeds", "import", "verify", "export"];

    // Long enough for a slow start on a loaded machine; a process that serves the app never returns at all.
    private static readonly TimeSpan Returns = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_word_that_is_not_a_verb_is_a_usage_error_naming_the_verbs_and_starts_no_server()
    {
        using var data = new TempFolder("autoif-cli-usage");

        var (exitCode, output) = await AppProcess.RunCliAsync(data.Path, Returns, "verifer", "list");

        Assert.True(exitCode == 2, $"exit {exitCode}:\n{output}");
        Assert.Contains("Unrecognized command or argument 'verifer'", output, StringComparison.Ordinal);
        Assert.Contains("Did you mean one of the following?", output, StringComparison.Ordinal);
        Assert.All(VerbNames, verb => Assert.Matches($@"(?m)^\s+{verb}\b", output));
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "autoif.db")), "a usage error opens no database");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_the_verbs_and_exits_zero(string flag)
    {
        using var data = new TempFolder("autoif-cli-usage");

        var (exitCode, output) = await AppProcess.RunCliAsync(data.Path, Returns, flag);

        Assert.True(exitCode == 0, $"exit {exitCode}:\n{output}");
        Assert.All(VerbNames, verb => Assert.Matches($@"(?m)^\s+{verb}\b", output));
        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_verb_missing_its_argument_is_a_usage_error_with_that_verbs_usage()
    {
        using var data = new TempFolder("autoif-cli-usage");

        var (exitCode, output) = await AppProcess.RunCliAsync(data.Path, Returns, "run", "status");

        Assert.True(exitCode == 2, $"exit {exitCode}:\n{output}");
        Assert.Contains("Required argument 'NAME' missing for command: 'status'", output, StringComparison.Ordinal);
        Assert.Contains("run status <NAME>", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5080", "--Storage:DataFolder=/srv/autoif" }, true)]
    [InlineData(new[] { "--Llm:Mode=Endpoint" }, true)]
    [InlineData(new[] { "verifer", "list" }, false)]
    [InlineData(new[] { "run", "status", "r" }, false)]
    [InlineData(new[] { "--Storage:DataFolder=/srv/autoif", "run", "status", "r" }, false)]
    [InlineData(new[] { "--help" }, false)]
    [InlineData(new[] { "-h" }, false)]
    [InlineData(new[] { "--version" }, false)]
    [InlineData(new[] { "--wait" }, false)]
    [InlineData(new[] { "--urls", "--wait" }, false)]
    public void Only_no_arguments_or_configuration_options_serve_the_web_app(string[] args, bool serves) =>
        Assert.Equal(serves, AutoIfCli.ServesWebApp(args));
}
