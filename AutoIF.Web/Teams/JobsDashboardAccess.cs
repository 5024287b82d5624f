using Hangfire.Dashboard;

namespace AutoIF.Web.Teams;

/// <summary>/jobs: admins once the app has users; before that, callers known to be on this machine (Hangfire's own local-requests rule).</summary>
public sealed class JobsDashboardAccess : IDashboardAuthorizationFilter
{
    private readonly LocalRequestsOnlyAuthorizationFilter _localOnly = new();

    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        return http.Features.Get<TeamAccess>() is { HasUsers: true }
            ? http.User.IsInRole(TeamRoles.Admin)
            : _localOnly.Authorize(context);
    }
}
