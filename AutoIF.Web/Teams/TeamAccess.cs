namespace AutoIF.Web.Teams;

/// <summary>What the access middleware decided for one request, for the parts that run outside endpoint authorization (/jobs, the reward filter).</summary>
public sealed record TeamAccess(bool HasUsers, bool IsLocal);
