using AutoIF.Core.Storage;
using AutoIF.Web.Components;
using Hangfire;
using Hangfire.Dashboard;
using MudBlazor.Services;

namespace AutoIF.Web.Extensions;

public static class WebExtensions
{
    public static IHostApplicationBuilder AddAutoIfWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<Jobs.RunScheduler>();
        builder.Services.AddTransient<Jobs.RunPipelineJob>();
        return builder;
    }

    /// <summary>Migrates the database and loads built-in data before the first request.</summary>
    public static async Task InitializeAutoIfAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await app.Services.GetRequiredService<Jobs.RunScheduler>().ResumeInterruptedAsync();
    }

    public static WebApplication MapAutoIf(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        // Local requests only until the app has authentication.
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new LocalRequestsOnlyAuthorizationFilter()],
            DashboardTitle = "AutoIF Studio jobs",
        });

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
