using AutoIF.Core.Llm;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using AutoIF.Web.Extensions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AutoIF.Tests.Web.Components.Pages;

/// <summary>
/// bunit with the review pages' real services over a real SQLite database (and the real sandbox), a hand-driven clock,
/// and an interactive renderer so live updates start.
/// </summary>
public abstract class ReviewPageTestContext : PatientBunitContext, IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;

    protected ManualTimeProvider Clock { get; } = new();

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Configuration for the app's services, e.g. a model endpoint.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(Settings);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Db.Get<IDbContextFactory<AutoIfDbContext>>());
        Services.AddSingleton(Db.Get<ILlmCallStore>());
        Services.AddSingleton(Db.Get<IVerifierSandbox>());
        Services.AddSingleton(Db.Get<AutoIF.Core.Pipeline.RunLiveness>());
        Services.AddTransient<LlmUsageQueries>();
        Services.AddTransient<AutoIF.Core.Reports.RunFunnelQuery>();
        Services.AddAutoIfReviewUi();
        // The instruction page's Re-verify button and verifier editor: the run use cases over an in-memory job queue.
        foreach (var type in new[]
                 {
                     typeof(AutoIF.Core.Pipeline.RunService), typeof(AutoIF.Core.Pipeline.RunDeleter), typeof(AutoIF.Core.Reports.RunSummaryQuery), typeof(AutoIF.Core.Reports.RunReportQuery),
                     typeof(AutoIF.Core.Verifiers.ReverificationStore), typeof(AutoIF.Core.Verifiers.VerifierVersions), typeof(AutoIF.Core.Pipeline.Estimates.RunEstimator), typeof(AutoIF.Core.Verifiers.QuestionAsker),
                     typeof(AutoIF.Core.Import.RunImporter), typeof(AutoIF.Core.Verifiers.VerifierRegenerator),
                 })
        {
            Services.AddSingleton(type, Db.Services.GetRequiredService(type));
        }
        var jobs = new Hangfire.InMemory.InMemoryStorage();
        Services.AddSingleton<Hangfire.JobStorage>(jobs);
        Services.AddSingleton<Hangfire.IBackgroundJobClient>(new Hangfire.BackgroundJobClient(jobs));
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        Services.AddAutoIfRunControl();
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
    }

    protected Task<SeededReviewData> SeedAsync(int filler = 0) => ReviewDataSeeder.SeedAsync(Db.Contexts, filler);

    /// <summary>Renders a page as the live circuit does (interactive, so timers start). Register services before this.</summary>
    protected IRenderedComponent<TPage> Open<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return parameters is null ? Render<TPage>() : Render(parameters);
    }

    /// <summary>Puts query parameters into the address, as a shared link does, before the page renders.</summary>
    protected void GoTo(string path) => Navigation.NavigateTo(path);

    /// <summary>The input of a MudBlazor field marked with a data-testid.</summary>
    protected static AngleSharp.Dom.IElement Field(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");

    protected void BreakDatabase() => Services.AddSingleton<IDbContextFactory<AutoIfDbContext>>(new BrokenContextFactory());
}
