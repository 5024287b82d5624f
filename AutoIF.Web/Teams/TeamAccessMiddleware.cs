using AutoIF.Core.Reviews;
using AutoIF.Core.Rewards;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Teams;

/// <summary>
/// Single-user mode: while the app has no users, a caller on this machine is its one user (every role) and anyone
/// else is refused, except the reward endpoints when Reward:ApiKey is set (their filter asks for the key). Once a user
/// exists this does nothing: sign-in and the endpoints' policies decide. Runs after authentication, before authorization.
/// </summary>
public sealed class TeamAccessMiddleware(RequestDelegate next, UserDirectory users, IOptionsMonitor<ReviewOptions> reviews, IOptionsMonitor<RewardOptions> reward)
{
    /// <summary>How the first admin is made; in every refusal of single-user mode (and the refusal to start).</summary>
    public const string AddFirstAdmin =
        "Add the first admin on the server: dotnet AutoIF.Web.dll users add NAME --role admin --password-stdin (in the app folder, with the same --Storage settings).";

    public async Task InvokeAsync(HttpContext http)
    {
        var hasUsers = await users.HasUsersAsync(http.RequestAborted);
        var local = LocalCaller.Is(http);
        http.Features.Set(new TeamAccess(hasUsers, local));
        if (!hasUsers)
        {
            if (local)
            {
                // Not for /jobs: there Hangfire's own, stricter local rule decides (JobsDashboardAccess), and answers 401.
                if (!http.Request.Path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase))
                {
                    http.User = SingleUser.Principal(reviews.CurrentValue.Name);
                }
            }
            else if (!(reward.CurrentValue.HasApiKey && http.Request.Path.StartsWithSegments("/api/reward", StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("AutoIF Studio has no users yet, so it serves only this machine. " + AddFirstAdmin, http.RequestAborted);
                return;
            }
        }
        await next(http);
    }
}
