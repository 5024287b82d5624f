namespace AutoIF.Tests.Web.Teams;

/// <summary>The route × role matrix with users, tokens and everything else stored in PostgreSQL.</summary>
public class PostgresRouteAccessTests(PostgresTeamUsersFixture fixture) : RouteAccessTests(fixture), IClassFixture<PostgresTeamUsersFixture>;
