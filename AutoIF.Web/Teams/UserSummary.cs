namespace AutoIF.Web.Teams;

/// <summary>One line of <c>users list</c>: never a password hash or a token.</summary>
public sealed record UserSummary(string Name, string Role, bool HasPassword, bool Revoked, int LiveTokens);
