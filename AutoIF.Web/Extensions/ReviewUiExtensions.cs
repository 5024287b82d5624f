using AutoIF.Core.Reports;
using AutoIF.Core.Reviews;
using AutoIF.Web.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoIF.Web.Extensions;

public static class ReviewUiExtensions
{
    /// <summary>Page-state services and queries of the review pages (dashboard, instructions, failing verifiers, spot-check, playground).</summary>
    public static IServiceCollection AddAutoIfReviewUi(this IServiceCollection services)
    {
        // Core read-models and the review command: stateless, each operation opens its own short-lived DbContext. The funnel
        // and the clock come from Core (AddAutoIfPipeline, AddAutoIfCore).
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName);
        services.TryAddTransient<InstructionGridQuery>();
        services.TryAddTransient<InstructionDetailQuery>();
        services.TryAddTransient<FailingVerifierQuery>();
        services.TryAddTransient<DashboardQuery>();
        services.TryAddTransient<DifficultyQuery>();
        services.TryAddTransient<CalibrationQuery>();
        services.TryAddTransient<RunListQuery>();
        services.TryAddTransient<VerifierLookupQuery>();
        services.TryAddTransient<ReviewService>();
        services.TryAddTransient<SpotCheckQueue>();

        // Per-circuit page state.
        services.TryAddScoped<DashboardState>();
        services.TryAddScoped<Teams.CurrentReviewer>();
        services.TryAddScoped<SpotCheckSession>();
        services.TryAddScoped<PlaygroundSession>();
        services.TryAddScoped<VerifierEditSession>();
        return services;
    }
}
