using AutoIF.Core.Storage;
using AutoIF.Web.Apis;
using AutoIF.Web.Components;
using AutoIF.Web.Health;
using AutoIF.Web.Services;
using AutoIF.Web.Teams;
using Hangfire;
using MudBlazor.Services;

namespace AutoIF.Web.Extensions;

public static class WebExtensions
{
    /// <summary>The Settings page's file in the data folder, as a configuration source that wins over appsettings.json only.</summary>
    public static IHostApplicationBuilder AddAutoIfUserSettings(this IHostApplicationBuilder builder)
    {
        var file = new UserSettingsFile(UserSettingsFile.For(builder.Configuration));
        var sources = builder.Configuration.Sources;
        var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = file.Path, Optional = true, ReloadOnChange = true };
        json.ResolveFileProvider();
        // Just after the last JSON file (appsettings.*), so environment variables and the command line still override it.
        var index = sources.ToList().FindLastIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource) + 1;
        sources.Insert(index, json);
        builder.Services.AddSingleton(file);
        return builder;
    }

    public static IHostApplicationBuilder AddAutoIfWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddAutoIfTeams();
        builder.AddAutoIfHealth();
        builder.Services.AddAutoIfReviewUi();
        builder.Services.AddScoped<ExportPageState>();
        builder.Services.AddAutoIfRunControl();
        builder.Services.AddAutoIfJobClasses();
        return builder;
    }

    /// <summary>The Hangfire job classes and what they need beyond Core, for the app's job server and a worker's.</summary>
    public static IServiceCollection AddAutoIfJobClasses(this IServiceCollection services)
    {
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<Jobs.ExportScheduler>();
        services.AddTransient<Jobs.ExportFileJob>();
        services.AddTransient<Jobs.RunPipelineJob>();
        services.AddTransient<Jobs.OnlineRoundJob>();
        services.AddTransient<Jobs.ReverifyJob>();
        services.AddTransient<Jobs.VerifyChunkJob>();
        return services;
    }

    /// <summary>
    /// Migrates the database and loads built-in data before the first request, and resumes interrupted runs (the
    /// <see cref="Jobs.InterruptedRunSweep"/> does so every minute after) and exports.
    /// </summary>
    public static async Task InitializeAutoIfAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await app.Services.GetRequiredService<Jobs.RunScheduler>().ResumeInterruptedAsync();
        await app.Services.GetRequiredService<Jobs.ExportScheduler>().RequeueInterruptedAsync();
    }

    public static WebApplication MapAutoIf(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // A script gets the API's own status, not the not-found page: re-executing a refused POST as a page's POST
        // would turn a 401/403 into the page's antiforgery 400.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(context);
        });
        app.UseAutoIfTeams();
        // Before endpoint authorization: Hangfire's middleware has no endpoint, and JobsDashboardAccess decides.
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new JobsDashboardAccess()],
            DashboardTitle = "AutoIF Studio jobs",
        });
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapExportApi();
        app.MapRunsApi();
        app.MapRewardApi();
        app.MapAccountApi();
        app.MapHealthApi();
        // The sign-in page needs its styles before anyone is signed in; nothing under wwwroot is a secret.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
