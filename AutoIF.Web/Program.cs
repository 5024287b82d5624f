using AutoIF.Core;
using AutoIF.Web.Cli;
using AutoIF.Web.Extensions;

// Nothing, or only configuration (--urls URL, --Storage:DataFolder=...), serves the web app; anything else is the
// headless CLI: a verb (run, seeds, import, verify, export) runs and exits, --help lists them, a wrong word is a usage error.
if (!AutoIfCli.ServesWebApp(args))
{
    return await AutoIfCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAutoIfUserSettings();
builder.AddAutoIfCore();
builder.AddAutoIfJobs();
builder.AddAutoIfWeb();

var app = builder.Build();
await app.InitializeAutoIfAsync();
if (await AutoIF.Web.Teams.BindingCheck.RefusalAsync(app) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}
app.MapAutoIf();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public so integration tests can host the app.</summary>
public partial class Program;
