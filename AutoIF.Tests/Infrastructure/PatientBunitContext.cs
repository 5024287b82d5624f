using Bunit;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// The bunit context of the page tests. bunit's WaitFor helpers give up after one second by default, but these pages read
/// a real SQLite database (the first query of a process also builds EF Core's model) and call the real sandbox, which on
/// a loaded machine takes seconds: they wait up to <see cref="WaitLimit"/>, a guard against a hang, not a speed test.
/// </summary>
public abstract class PatientBunitContext : BunitContext
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    protected PatientBunitContext()
    {
        // bunit keeps this default in a static property; every page test wants the same value, so setting it again is harmless.
        DefaultWaitTimeout = WaitLimit;
        // As the app serves a local caller with no users: one user with every role, so every action is shown.
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("reviewer", Bunit.TestDoubles.AuthorizationState.Authorized);
        Authorization.SetAuthenticationType(AutoIF.Web.Teams.SingleUser.AuthenticationType);
        Authorization.SetRoles([.. AutoIF.Web.Teams.TeamRoles.All]);
        Authorization.SetPolicies([.. AutoIF.Web.Teams.TeamRoles.All]);
    }

    /// <summary>The signed-in user's roles and policies, for a test that renders a page as a lesser role.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }
}
