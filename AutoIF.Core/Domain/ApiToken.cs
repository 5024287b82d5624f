namespace AutoIF.Core.Domain;

/// <summary>
/// A user's API token for <c>Authorization: Bearer</c>. Only a SHA-256 hash of the token is stored (it is shown once,
/// when made); a revoked or expired token no longer signs anyone in.
/// </summary>
public class ApiToken
{
    public int Id { get; init; }
    public required string UserId { get; init; }
    /// <summary>Lowercase hex SHA-256 of the whole token.</summary>
    public required string Hash { get; init; }
    /// <summary>The token's first characters, so a user can tell their tokens apart in <c>users list</c>.</summary>
    public required string Prefix { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}
