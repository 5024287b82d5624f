using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Teams;

/// <summary>
/// The app's own routes as its router knows them (the <see cref="EndpointDataSource"/> every Map call feeds): each
/// page, API and form post with its HTTP methods, so a test that walks them cannot miss one added later. Left out are
/// the files of wwwroot and the packages (<c>MapStaticAssets</c>, with its catch-all for file names) and Blazor's own endpoints under <c>/_blazor</c> and
/// <c>/_framework</c>, which are the framework's, not the app's.
/// </summary>
public static class AppRoutes
{
    /// <summary>Every (method, route pattern) the app answers, patterns as written in the app (e.g. <c>/runs/{Id:int}</c>).</summary>
    public static IReadOnlyList<(string Method, string Pattern)> Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && !IsFileFallback(e.RoutePattern))
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(e => !e.Pattern.StartsWith("/_blazor", StringComparison.Ordinal) && !e.Pattern.StartsWith("/_framework", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, e.Pattern)))
            .Where(r => r.Method != "HEAD")
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    // Static assets' catch-all for files (`{**path:file}`): it answers paths that name a file, not a page or an API.
    private static bool IsFileFallback(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        pattern.Parameters.Any(p => p.IsCatchAll && p.ParameterPolicies.Any(policy => policy.Content == "file"));
}
