using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AutoIF.Core.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAutoIfDbContext>
{
    public SqliteAutoIfDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite("Data Source=design.db").Options);
}
