namespace AutoIF.Web.Teams;

/// <summary>
/// The three roles and the policy of the same name each one is: a policy admits its role and every role above it
/// (viewer &lt; reviewer &lt; admin). README "Security" has who may do what.
/// </summary>
public static class TeamRoles
{
    /// <summary>Read everything, export.</summary>
    public const string Viewer = "viewer";

    /// <summary>Also spot-check, approve/reject, the Playground, verifier edits and re-verification.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Also runs, imports, seeds, settings, users and /jobs.</summary>
    public const string Admin = "admin";

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Reviewer, Admin];

    /// <summary>The roles a policy admits: its own and the ones above it.</summary>
    public static IReadOnlyList<string> AtLeast(string role) => All.Skip(IndexOf(role)).ToList();

    /// <exception cref="ArgumentException">Not one of viewer, reviewer, admin.</exception>
    public static string Parse(string role)
    {
        var name = role.Trim().ToLowerInvariant();
        return All.Contains(name) ? name : throw new ArgumentException($"Unknown role '{role}': use {string.Join(", ", All)}.", nameof(role));
    }

    private static int IndexOf(string role) => All.ToList().IndexOf(Parse(role));
}
