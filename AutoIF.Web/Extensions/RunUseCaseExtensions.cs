using AutoIF.Core.Audit;
using AutoIF.Web.Jobs;
using AutoIF.Web.Services;
using AutoIF.Web.UseCases;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoIF.Web.Extensions;

public static class RunUseCaseExtensions
{
    /// <summary>
    /// What the pages and the CLI do to runs (<see cref="RunControl"/>, over the job queue's <see cref="RunScheduler"/>)
    /// and the run page's per-circuit state. Needs Core (<c>AddAutoIfCore</c>) and Hangfire's job client.
    /// </summary>
    public static IServiceCollection AddAutoIfRunControl(this IServiceCollection services)
    {
        services.AddSingleton<RunScheduler>();
        services.TryAddSingleton<AuditLog>();
        // The pages' and API's acting user; the CLI registers the operating-system user first.
        services.TryAddScoped<IActingUser, Teams.SignedInActingUser>();
        services.AddTransient<RunControl>();
        services.AddScoped<RunPageState>();
        return services;
    }
}
