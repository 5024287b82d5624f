using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Reports;

/// <summary>Contexts over the SQLite file of an app running in another process, to seed its data while it runs (WAL allows it).</summary>
public sealed class SqliteFileContextFactory(string dataFolder) : IDbContextFactory<AutoIfDbContext>
{
    public AutoIfDbContext CreateDbContext() => new SqliteAutoIfDbContext(new DbContextOptionsBuilder<SqliteAutoIfDbContext>()
        .UseSqlite(StorageServiceCollectionExtensions.SqliteConnectionString(new StorageOptions { DataFolder = dataFolder }))
        .Options);
}
