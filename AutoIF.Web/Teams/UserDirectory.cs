using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Web.Teams;

/// <summary>
/// Whether the app has users, which decides between single-user mode and sign-in for every request. Users are added
/// by the CLI in another process, so "no users" is asked again at most once a second; once a user exists the answer
/// stays, so a database hiccup can never reopen the app.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private bool _hasUsers;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    /// <summary>A user was added in this process: single-user mode ends now, not at the next check.</summary>
    public void UserAdded()
    {
        lock (_gate)
        {
            _hasUsers = true;
        }
    }

    public async ValueTask<bool> HasUsersAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_hasUsers || clock.GetUtcNow() - _checkedAt < Recheck)
            {
                return _hasUsers;
            }
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var any = await db.Users.AnyAsync(cancellationToken);
        lock (_gate)
        {
            _hasUsers |= any;
            _checkedAt = clock.GetUtcNow();
            return _hasUsers;
        }
    }
}
