using System.Net;
using System.Net.Http.Headers;
using AutoIF.Web.Teams;

namespace AutoIF.Tests.Web.Teams;

/// <summary>
/// Once users exist: every route × every role (and no one), over HTTP against the whole app, allowed or refused;
/// on the storage of the fixture a subclass gives (SQLite here, PostgreSQL in <see cref="PostgresRouteAccessTests"/>).
/// </summary>
public abstract class RouteAccessTests(TeamUsersFixture fixture)
{
    private const string Anonymous = "anonymous";

    /// <summary>Every page, API and /jobs with the least role that may use it (null: anyone).</summary>
    public static readonly IReadOnlyList<(string Method, string Path, string? Policy)> Routes =
    [
        ("GET", "/", TeamRoles.Viewer),
        ("GET", "/runs", TeamRoles.Viewer),
        ("GET", "/runs/1", TeamRoles.Viewer),
        ("GET", "/seeds", TeamRoles.Viewer),
        ("GET", "/instructions", TeamRoles.Viewer),
        ("GET", "/instructions/1", TeamRoles.Viewer),
        ("GET", "/failing-verifiers", TeamRoles.Viewer),
        ("GET", "/export", TeamRoles.Viewer),
        ("GET", "/spot-check", TeamRoles.Reviewer),
        ("GET", "/playground", TeamRoles.Reviewer),
        ("GET", "/settings", TeamRoles.Admin),
        ("GET", "/jobs", TeamRoles.Admin),
        ("GET", "/api/export?run=nosuchrun&kind=sft&format=alpaca", TeamRoles.Viewer),
        ("GET", "/api/exports/nosuchfile.jsonl", TeamRoles.Viewer),
        ("POST", "/api/reward/score", TeamRoles.Viewer),
        ("POST", "/api/reward/verify", TeamRoles.Viewer),
        ("POST", "/api/reward/openrlhf", TeamRoles.Viewer),
        ("GET", "/api/runs", TeamRoles.Viewer),
        ("GET", "/api/runs/nosuchrun", TeamRoles.Viewer),
        ("POST", "/api/runs", TeamRoles.Admin),
        ("POST", "/api/runs/nosuchrun/start", TeamRoles.Admin),
        ("POST", "/api/runs/nosuchrun/cancel", TeamRoles.Admin),
        ("POST", "/api/runs/nosuchrun/import", TeamRoles.Admin),
        ("GET", "/signin", null),
        ("GET", "/health/live", null),
        ("GET", "/not-found", null),
    ];

    public static TheoryData<string, string, string?, string> Matrix()
    {
        var data = new TheoryData<string, string, string?, string>();
        foreach (var (method, path, policy) in Routes)
        {
            foreach (var caller in TeamRoles.All.Append(Anonymous))
            {
                data.Add(method, path, policy, caller);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(RouteAccessTests))]
    public async Task Each_route_answers_only_the_roles_its_policy_admits(string method, string path, string? policy, string caller)
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (caller != Anonymous)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens[caller]);
        }
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var allowed = policy is null || (caller != Anonymous && TeamRoles.AtLeast(policy).Contains(caller));
        var status = response.StatusCode;
        if (allowed)
        {
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect),
                $"{caller} {method} {path}: expected to be let in, got {(int)status}");
        }
        else if (caller != Anonymous)
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
        else if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/jobs", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
        else
        {
            // A page sends someone not signed in to the sign-in page, and back after.
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_revoked_or_made_up_token_is_refused_like_no_token()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/exports/x.jsonl");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "aif_" + new string('A', 43));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
