using System.Net;
using System.Text.Json;
using AutoIF.Tests.Infrastructure;

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
    public async Task Every_page_forbids_framing_and_sniffing()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/runs");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
