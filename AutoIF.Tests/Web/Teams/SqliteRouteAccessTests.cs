namespace AutoIF.Tests.Web.Teams;

/// <summary>The route × role matrix with everything stored in SQLite.</summary>
public class SqliteRouteAccessTests(TeamUsersFixture fixture) : RouteAccessTests(fixture), IClassFixture<TeamUsersFixture>;
