using Microsoft.AspNetCore.Components.Authorization;

namespace AutoIF.Web.Teams;

/// <summary>The name a decision made in this circuit is recorded under: the signed-in user, or single-user mode's Reviews:ReviewerName.</summary>
public sealed class CurrentReviewer(AuthenticationStateProvider authentication)
{
    public async Task<string?> NameAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
    }
}
