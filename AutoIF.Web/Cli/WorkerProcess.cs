using AutoIF.Core;
using AutoIF.Web.Extensions;
using AutoIF.Web.Health;
using AutoIF.Web.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AutoIF.Web.Cli;

/// <summary>
/// A worker: the app's job server on the shared job storage (PostgreSQL for several machines), taking the given queues,
/// with <c>/health</c> for supervisors and no pages. It does what the app's own job server does, since it runs the same
/// job classes on the same Core services.
/// </summary>
public static class WorkerProcess
{
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlyList<string> queues, int? workerCount, string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The command line's configuration (appsettings, the Settings page's file, --Section:Key=value), with the
        // information logs a supervised process should write.
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:AutoIF"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        builder.WebHost.UseUrls(urls);
        builder.AddAutoIfCore();
        builder.AddAutoIfJobs(runServer: true, queues, workerCount);
        builder.AddAutoIfHealth();
        builder.Services.AddAutoIfRunControl();
        builder.Services.AddAutoIfJobClasses();
        await using var app = builder.Build();
        app.MapHealthApi();

        await app.StartAsync(cancellationToken);
        // A run left by a process that died is taken now, not at the sweep's first tick.
        await app.Services.GetRequiredService<RunScheduler>().ResumeInterruptedAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        await Console.Out.WriteLineAsync($"worker: queues {string.Join(", ", queues)}; health at {address}/health");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
