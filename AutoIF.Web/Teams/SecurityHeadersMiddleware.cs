namespace AutoIF.Web.Teams;

/// <summary>Headers every response carries: no sniffing, no framing by other sites, no referrer to other sites.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // Not script-src: Blazor and MudBlazor need inline styles and the framework's script; this keeps what does not break them.
            headers.ContentSecurityPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
