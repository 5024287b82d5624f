using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Reports;

/// <summary>The grid's behaviour on PostgreSQL: the GIN tsvector search, keyset pages with PostgreSQL's NULL order, capped count.</summary>
public class PostgresInstructionGridTests(PostgresServer postgres) : InstructionGridBehaviour, IClassFixture<PostgresServer>
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(postgres.StorageSettings($"grid_{Guid.NewGuid():N}"));
}
