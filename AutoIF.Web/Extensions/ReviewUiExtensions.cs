namespace AutoIF.Web.Extensions;

public static class ReviewUiExtensions
{
    /// <summary>Page-state services and queries of the review pages (dashboard, instructions, failing verifiers, spot-check, playground).</summary>
    public static IServiceCollection AddAutoIfReviewUi(this IServiceCollection services) => services;
}
