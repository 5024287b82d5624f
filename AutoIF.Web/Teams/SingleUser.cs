using System.Security.Claims;

namespace AutoIF.Web.Teams;

/// <summary>The one user of an app without users: a local caller, with every role, named as Reviews:ReviewerName.</summary>
public static class SingleUser
{
    /// <summary>The authentication type that marks this principal, so nothing mistakes it for a signed-in user (the reward service does not).</summary>
    public const string AuthenticationType = "AutoIF.SingleUser";

    public static ClaimsPrincipal Principal(string name) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), .. TeamRoles.All.Select(r => new Claim(ClaimTypes.Role, r))],
        AuthenticationType));

    public static bool IsSignedInUser(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: not AuthenticationType };
}
