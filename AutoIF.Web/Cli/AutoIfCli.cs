using System.CommandLine;
using System.CommandLine.Help;
using AutoIF.Core;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using AutoIF.Web.Extensions;
using AutoIF.Web.Teams;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Cli;

/// <summary>
/// The headless verbs (run, seeds, import, verify, export; README's Headless CLI section is their contract). They use the app's own services, so a
/// verb does exactly what the matching page does. Exit code 0 on success, 1 with a one-line reason on failure, 2 with
/// the usage when the command line itself is wrong (an unknown verb or option, a missing argument).
/// </summary>
public static class AutoIfCli
{
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>
    /// True when every argument is configuration for the web app, <c>--key=value</c> or <c>--key value</c> (as
    /// <c>./start.sh</c> passes <c>--urls URL</c>), or there are none. Anything else is for the CLI, which runs a verb or
    /// answers with its usage: a mistyped verb must not start a server that never returns.
    /// </summary>
    public static bool ServesWebApp(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2 || arg is "--help" or "--version")
            {
                return false;
            }
            if (!arg.Contains('=', StringComparison.Ordinal))
            {
                // "--key value": a flag without a value (e.g. a verb's --wait with the verb left out) is not configuration.
                if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // "--Section:Key=value" tokens are configuration (as for the web app); everything else is the verb's.
        var settings = args.Where(IsConfiguration).ToArray();
        var verbArgs = args.Where(a => !IsConfiguration(a)).ToArray();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        // The terminal shows the verb's own output; the app's information logs would drown it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:AutoIF"] = "Warning" });
        builder.AddAutoIfUserSettings();
        builder.AddAutoIfCore();
        builder.AddAutoIfJobs(runServer: false);
        builder.Services.AddSingleton<UseCases.IActingUser, OsActingUser>();
        builder.Services.AddAutoIfRunControl();
        builder.AddAutoIfUsers();
        builder.Services.AddSingleton<CliConsole>();
        using var host = builder.Build();

        try
        {
            var parse = CliCommands.Build(host.Services).Parse(verbArgs);
            if (parse.Errors.Count > 0)
            {
                // The parser's own report: each error, then the usage of the command that was meant (the root's lists the verbs).
                await parse.InvokeAsync(new InvocationConfiguration { Output = Console.Error, EnableDefaultExceptionHandler = false });
                return UsageError;
            }
            if (parse.Action is not HelpAction)
            {
                if (Verifies(verbArgs))
                {
                    // The sandbox's workers start while the database opens instead of after it.
                    host.Services.GetRequiredService<IVerifierSandbox>().WarmUp();
                }
                await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or FormatException or Core.Import.ImportException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync("autoif: " + OneLine(ex.Message));
            return Failure;
        }
        catch (Exception ex)
        {
            // Still one line: the type says where to look (e.g. a database or file-system error).
            await Console.Error.WriteLineAsync($"autoif: unexpected {ex.GetType().Name}: {OneLine(ex.Message)}");
            return Failure;
        }
    }

    private static bool Verifies(string[] verbArgs) => verbArgs switch
    {
        ["verify", ..] => true,
        ["run", "online-round", ..] => true,
        ["run", "start" or "resume", ..] => verbArgs.Contains("--wait"),
        _ => false,
    };

    private static bool IsConfiguration(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal)
        && arg.IndexOf(':', StringComparison.Ordinal) < arg.IndexOf('=', StringComparison.Ordinal);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
