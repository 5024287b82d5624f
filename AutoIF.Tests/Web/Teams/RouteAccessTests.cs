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

    /// <summary>
    /// Every page, API, form post and /jobs with its route pattern as the app maps it (null for /jobs: Hangfire's dashboard
    /// is middleware, not an endpoint), a path to call it by, and the least role that may use it (null: anyone).
    /// <see cref="The_matrix_lists_exactly_the_routes_the_app_maps"/> holds it to the app's endpoints.
    /// </summary>
    public static readonly IReadOnlyList<(string Method, string? Pattern, string Path, string? Policy)> Routes =
    [
        .. Page("/", "/", TeamRoles.Viewer),
        .. Page("/runs", "/runs", TeamRoles.Viewer),
        .. Page("/runs/{Id:int}", "/runs/1", TeamRoles.Viewer),
        .. Page("/runs/{Id:int}/reverifications", "/runs/1/reverifications", TeamRoles.Viewer),
        .. Page("/seeds", "/seeds", TeamRoles.Viewer),
        .. Page("/instructions", "/instructions", TeamRoles.Viewer),
        .. Page("/instructions/{Id:int}", "/instructions/1", TeamRoles.Viewer),
        .. Page("/failing-verifiers", "/failing-verifiers", TeamRoles.Viewer),
        .. Page("/export", "/export", TeamRoles.Viewer),
        .. Page("/spot-check", "/spot-check", TeamRoles.Reviewer),
        .. Page("/playground", "/playground", TeamRoles.Reviewer),
        .. Page("/settings", "/settings", TeamRoles.Admin),
        ("GET", null, "/jobs", TeamRoles.Admin),
        ("GET", "/api/export", "/api/export?run=nosuchrun&kind=sft&format=alpaca", TeamRoles.Viewer),
        ("GET", "/api/exports/{fileName}", "/api/exports/nosuchfile.jsonl", TeamRoles.Viewer),
        ("POST", "/api/reward/score", "/api/reward/score", TeamRoles.Viewer),
        ("POST", "/api/reward/verify", "/api/reward/verify", TeamRoles.Viewer),
        ("POST", "/api/reward/openrlhf", "/api/reward/openrlhf", TeamRoles.Viewer),
        ("GET", "/api/runs", "/api/runs", TeamRoles.Viewer),
        ("GET", "/api/runs/{name}", "/api/runs/nosuchrun", TeamRoles.Viewer),
        ("POST", "/api/runs", "/api/runs", TeamRoles.Admin),
        ("POST", "/api/runs/{name}/start", "/api/runs/nosuchrun/start", TeamRoles.Admin),
        ("POST", "/api/runs/{name}/cancel", "/api/runs/nosuchrun/cancel", TeamRoles.Admin),
        ("POST", "/api/runs/{name}/import", "/api/runs/nosuchrun/import", TeamRoles.Admin),
        .. Page("/signin", "/signin", null),
        // Without the form's anti-forgery token both are refused for anyone (SignInTests), never sent to sign in.
        ("POST", "/account/signin", "/account/signin", null),
        ("POST", "/account/signout", "/account/signout", null),
        ("GET", "/health", "/health", null),
        ("GET", "/health/live", "/health/live", null),
        .. Page("/not-found", "/not-found", null),
        .. Page("/Error", "/Error", null),
    ];

    /// <summary>A page answers GET and, for forms rendered on the server, POST: the same policy guards both.</summary>
    private static (string, string?, string, string?)[] Page(string pattern, string path, string? policy) =>
        [("GET", pattern, path, policy), ("POST", pattern, path, policy)];

    public static TheoryData<string, string, string?, string> Matrix()
    {
        var data = new TheoryData<string, string, string?, string>();
        foreach (var (method, _, path, policy) in Routes)
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
            // The APIs take JSON; a page or /account takes a form, here without its anti-forgery token (refused with a
            // 400 once the caller is let in).
            request.Content = path.StartsWith("/api", StringComparison.Ordinal)
                ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        }

        using var response = await client.SendAsync(request);

        var allowed = policy is null || (caller != Anonymous && TeamRoles.AtLeast(policy).Contains(caller));
        var status = response.StatusCode;
        if (allowed)
        {
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect),
                $"{caller} {method} {path}: expected to be let in, got {(int)status}");
        }
        else if (caller != Anonymous && method == "POST" && !path.StartsWith("/api", StringComparison.Ordinal))
        {
            // A page's 403 is re-executed as the not-found page with the same method, and that post, without its
            // anti-forgery token, is refused with a 400: refused either way, never served.
            Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{caller} {method} {path}: expected to be refused, got {(int)status}");
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
    public void The_matrix_lists_exactly_the_routes_the_app_maps()
    {
        var mapped = AppRoutes.Of(fixture.Factory.Services);
        var listed = Routes.Where(r => r.Pattern is not null).Select(r => (r.Method, Pattern: r.Pattern!)).ToList();

        var unlisted = mapped.Except(listed).ToList();
        var gone = listed.Except(mapped).ToList();

        Assert.True(unlisted.Count == 0, "Routes the app maps that the matrix does not list (add each with its policy): " + string.Join(", ", unlisted.Select(r => $"{r.Method} {r.Pattern}")));
        Assert.True(gone.Count == 0, "Routes the matrix lists that the app no longer maps: " + string.Join(", ", gone.Select(r => $"{r.Method} {r.Pattern}")));
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
