using System.Security.Cryptography;
using System.Text;
using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Web.Teams;

/// <summary>
/// API tokens: 32 random bytes, shown once as <c>aif_…</c>; only their SHA-256 is stored (a token is a long random
/// secret, so a fast hash is enough, unlike a password). A token signs its user in with the user's current roles.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    private const string Marker = "aif_";

    /// <summary>Makes a token for <paramref name="userId"/>; the returned text is the only copy.</summary>
    public async Task<string> CreateAsync(string userId, int? expiresInDays, CancellationToken cancellationToken = default)
    {
        if (expiresInDays is < 1)
        {
            throw new ArgumentException($"--expires must be at least 1 day, got {expiresInDays}.", nameof(expiresInDays));
        }
        var token = Marker + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Hash = HashOf(token),
            Prefix = token[..10],
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The user a live token belongs to, or null for an unknown, revoked or expired token or a locked-out user.</summary>
    public async Task<IdentityUser?> UserOfAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!token.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = HashOf(token);
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == stored.UserId, cancellationToken);
        return user is null || user.LockoutEnd > now ? null : user;
    }

    /// <summary>Revokes every live token of the user; returns how many.</summary>
    public async Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>The user's tokens that still sign in.</summary>
    public async Task<int> LiveCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null).Select(t => t.ExpiresAt).ToListAsync(cancellationToken);
        return tokens.Count(e => e is null || e > now);
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
