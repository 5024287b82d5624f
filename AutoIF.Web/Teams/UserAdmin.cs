using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Web.Teams;

/// <summary>
/// Users, their one role each, their tokens, and taking access away: what the <c>users</c> verbs do.
/// Errors are <see cref="ArgumentException"/> with a message naming the user or the rule broken.
/// </summary>
public sealed class UserAdmin(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, ApiTokens tokens, UserDirectory directory)
{
    /// <summary>Adds a user with one role; without a password the user signs in with tokens only.</summary>
    public async Task AddAsync(string name, string role, string? password, CancellationToken cancellationToken = default)
    {
        role = TeamRoles.Parse(role);
        if (await users.FindByNameAsync(name) is not null)
        {
            throw new ArgumentException($"There is already a user '{name}'.", nameof(name));
        }
        var user = new IdentityUser(name);
        Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), name);
        // This process stops serving the single user at once; another process (the app, when the CLI adds the user) within a second.
        directory.UserAdded();
        await EnsureRoleAsync(role);
        Check(await users.AddToRoleAsync(user, role), name);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var list = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "(none)";
            list.Add(new UserSummary(user.UserName!, role, user.PasswordHash is not null, user.LockoutEnd?.Year == DateTimeOffset.MaxValue.Year,
                await tokens.LiveCountAsync(user.Id, cancellationToken)));
        }
        return list;
    }

    /// <summary>Gives the user <paramref name="role"/> instead of the one they had, and their access back if it was revoked.</summary>
    public async Task SetRoleAsync(string name, string role, CancellationToken cancellationToken = default)
    {
        role = TeamRoles.Parse(role);
        var user = await FindAsync(name);
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)), name);
        await EnsureRoleAsync(role);
        Check(await users.AddToRoleAsync(user, role), name);
        Check(await users.SetLockoutEndDateAsync(user, null), name);
        // Open sessions pick up the new role at their next check.
        Check(await users.UpdateSecurityStampAsync(user), name);
    }

    /// <summary>A new API token for the user; the text returned is the only copy.</summary>
    public async Task<string> TokenAsync(string name, int? expiresInDays, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(name);
        return await tokens.CreateAsync(user.Id, expiresInDays, cancellationToken);
    }

    /// <summary>Takes all access away: every token revoked, sessions ended, password sign-in refused. Returns the tokens revoked.</summary>
    public async Task<int> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(name);
        var revoked = await tokens.RevokeAllAsync(user.Id, cancellationToken);
        Check(await users.SetLockoutEnabledAsync(user, true), name);
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), name);
        Check(await users.UpdateSecurityStampAsync(user), name);
        return revoked;
    }

    private async Task<IdentityUser> FindAsync(string name) =>
        await users.FindByNameAsync(name) ?? throw new ArgumentException($"There is no user '{name}' (users list shows them).", nameof(name));

    private async Task EnsureRoleAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }
    }

    private static void Check(IdentityResult result, string name)
    {
        if (!result.Succeeded)
        {
            throw new ArgumentException($"User '{name}': {string.Join(" ", result.Errors.Select(e => e.Description))}", nameof(name));
        }
    }
}
