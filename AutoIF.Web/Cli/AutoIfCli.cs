using System.CommandLine;
using AutoIF.Core;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using AutoIF.Web.Extensions;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Cli;

/// <summary>
/// The headless verbs of DESIGN.md §10 (run, seeds, import, verify, export). They use the app's own services, so a
/// verb does exactly what the matching page does. Exit code 0 on success, 1 with a one-line reason on failure.
/// </summary>
public static class AutoIfCli
{
    private static readonly string[] Verbs = ["run", "seeds", "import", "verify", "export"];

    public static bool IsCliInvocation(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

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
        builder.Services.AddSingleton<Jobs.RunScheduler>();
        builder.Services.AddSingleton<CliConsole>();
        using var host = builder.Build();

        try
        {
            if (Verifies(verbArgs))
            {
                // The sandbox's workers start while the database opens instead of after it.
                host.Services.GetRequiredService<IVerifierSandbox>().WarmUp();
            }
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var root = CliCommands.Build(host.Services);
            var parse = root.Parse(verbArgs);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or FormatException or Core.Import.ImportException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync("autoif: " + OneLine(ex.Message));
            return 1;
        }
        catch (Exception ex)
        {
            // Still one line: the type says where to look (e.g. a database or file-system error).
            await Console.Error.WriteLineAsync($"autoif: unexpected {ex.GetType().Name}: {OneLine(ex.Message)}");
            return 1;
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
