using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AutoIF.Core.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAutoIfDbContext>
{
    public PostgresAutoIfDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAutoIfDbContext>().UseNpgsql("Host=localhost;Database=autoif").Options);
}
