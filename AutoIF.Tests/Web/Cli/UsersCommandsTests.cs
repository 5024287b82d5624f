using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.Cli;

/// <summary>The <c>users</c> verbs as an admin runs them on the server: the built app as its own process on a data folder.</summary>
public class UsersCommandsTests
{
    [Fact]
    public async Task Users_are_added_listed_given_tokens_and_roles_and_revoked()
    {
        using var data = new TempFolder("autoif-users");

        var added = await AppProcess.RunCliAsync(data.Path, "users", "add", "ann", "--role", "Reviewer");
        var token = await AppProcess.RunCliAsync(data.Path, "users", "token", "ann", "--expires", "7");
        var listed = await AppProcess.RunCliAsync(data.Path, "users", "list");
        var role = await AppProcess.RunCliAsync(data.Path, "users", "role", "ann", "admin");
        var revoked = await AppProcess.RunCliAsync(data.Path, "users", "revoke", "ann");
        var after = await AppProcess.RunCliAsync(data.Path, "users", "list");

        Assert.True(added.ExitCode == 0, added.Output);
        Assert.Contains("added ann (reviewer, tokens only", added.Output, StringComparison.Ordinal);
        Assert.Equal(0, token.ExitCode);
        Assert.Matches(@"^aif_[A-Za-z0-9_-]{43}$", token.Output.Trim());
        Assert.Contains("ann  reviewer  no password  1 tokens", listed.Output, StringComparison.Ordinal);
        // Shown once: no listing repeats it.
        Assert.DoesNotContain(token.Output.Trim(), listed.Output, StringComparison.Ordinal);
        Assert.Contains("ann is now admin", role.Output, StringComparison.Ordinal);
        Assert.Contains("revoked ann: 1 tokens", revoked.Output, StringComparison.Ordinal);
        Assert.Contains("ann  admin  no password  0 tokens  revoked", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_role_or_a_second_user_of_one_name_is_refused_with_the_reason()
    {
        using var data = new TempFolder("autoif-users");
        await AppProcess.RunCliAsync(data.Path, "users", "add", "bob", "--role", "viewer");

        var wrongRole = await AppProcess.RunCliAsync(data.Path, "users", "add", "carol", "--role", "boss");
        var twice = await AppProcess.RunCliAsync(data.Path, "users", "add", "bob", "--role", "admin");
        var nobody = await AppProcess.RunCliAsync(data.Path, "users", "token", "nobody");

        Assert.Equal(1, wrongRole.ExitCode);
        Assert.Contains("Unknown role 'boss': use viewer, reviewer, admin.", wrongRole.Output, StringComparison.Ordinal);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("There is already a user 'bob'.", twice.Output, StringComparison.Ordinal);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("There is no user 'nobody'", nobody.Output, StringComparison.Ordinal);
    }
}
