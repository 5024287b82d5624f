using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Reports;

/// <summary>The grid's behaviour on SQLite: FTS5 search, keyset pages, capped count.</summary>
public class SqliteInstructionGridTests : InstructionGridBehaviour
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
}
