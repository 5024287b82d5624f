using System.CommandLine;

namespace AutoIF.Web.Cli;

/// <summary>The command tree: <c>run</c>, <c>seeds</c>, <c>import</c>, <c>verify</c>, <c>export</c>, <c>verifier</c>, <c>users</c>, <c>worker</c>.</summary>
public static class CliCommands
{
    public static RootCommand Build(IServiceProvider services)
    {
        var root = new RootCommand("AutoIF Studio headless commands. Without arguments, or with only configuration (--urls URL, --Section:Key=value), the web app starts.");
        root.Subcommands.Add(RunCommands.Build(services));
        root.Subcommands.Add(SeedsCommands.Build(services));
        root.Subcommands.Add(ImportCommand.Build(services));
        root.Subcommands.Add(VerifyCommand.Build(services));
        root.Subcommands.Add(ExportCommand.Build(services));
        root.Subcommands.Add(VerifierCommands.Build(services));
        root.Subcommands.Add(UsersCommands.Build(services));
        root.Subcommands.Add(WorkerCommand.Build(services));
        return root;
    }

    /// <summary>Parses repeated <c>--set Key=Value</c> options.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(IEnumerable<string>? values) =>
        (values ?? []).Select(v =>
        {
            var equals = v.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--set needs Key=Value, got '{v}'.");
            }
            return new KeyValuePair<string, string>(v[..equals].Trim(), v[(equals + 1)..].Trim());
        }).ToList();

    public static Option<string[]> SetOption() => new("--set")
    {
        Description = "A run setting as Key=Value (e.g. CrossValidation:FunctionAccuracy=0.8); repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };
}
