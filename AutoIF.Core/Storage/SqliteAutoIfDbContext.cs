using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

public sealed class SqliteAutoIfDbContext(DbContextOptions<SqliteAutoIfDbContext> options) : AutoIfDbContext(options);
