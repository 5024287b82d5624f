using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

public sealed class PostgresAutoIfDbContext(DbContextOptions<PostgresAutoIfDbContext> options) : AutoIfDbContext(options);
