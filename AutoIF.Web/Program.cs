using AutoIF.Core;
using AutoIF.Web.Cli;
using AutoIF.Web.Extensions;

// A verb (run, seeds, import, verify, export) runs headless and exits; no verb serves the web app.
if (AutoIfCli.IsCliInvocation(args))
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
app.MapAutoIf();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public so integration tests can host the app.</summary>
public partial class Program;
