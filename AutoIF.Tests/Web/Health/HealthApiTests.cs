using System.Net;
using System.Text.Json;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Web.Teams;

namespace AutoIF.Tests.Web.Health;

/// <summary>/health for supervisors and load balancers, and the security headers every response carries.</summary>
public class HealthApiTests(AutoIfWebFactory factory) : IClassFixture<AutoIfWebFactory>
{
    [Fact]
    public async Task Readiness_names_database_jobs_and_sandbox_with_their_status_and_nothing_else()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal(["database", "jobs", "sandbox"], checks.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Healthy", checks.GetProperty("database").GetString());
        Assert.Equal(checks.EnumerateObject().Any(c => c.Value.GetString() == "Unhealthy") ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(factory.DataFolder, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_route_forbids_framing_and_sniffing()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // Every route the app maps (parameters filled with ids that need not exist: a 404 carries the headers too), /jobs,
        // a static file and an address nothing answers.
        List<(string Method, string Path)> paths = [.. AppRoutes.Of(factory.Services).Select(r => (r.Method, Path: r.Pattern.Replace("{Id:int}", "1", StringComparison.Ordinal)
                .Replace("{name}", "nosuchrun", StringComparison.Ordinal).Replace("{fileName}", "nosuchfile.jsonl", StringComparison.Ordinal)))
            .Append(("GET", "/jobs")).Append(("GET", "/app.css")).Append(("GET", "/no/such/page"))];
        Assert.All(paths, p => Assert.DoesNotContain('{', p.Path));

        foreach (var (method, path) in paths)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await client.SendAsync(request);

            Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"{method} {path}: X-Frame-Options");
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{method} {path}: X-Content-Type-Options");
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{method} {path}: Content-Security-Policy");
        }
    }
}
