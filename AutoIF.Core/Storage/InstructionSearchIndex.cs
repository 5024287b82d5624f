using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

/// <summary>
/// Upkeep of the full-text index on instruction text. On SQLite, FTS5 adds a segment per batch of inserts and merges them
/// only now and then; a search that tests rows one by one looks in every segment, so after a bulk insert (a stage, an
/// import) the segments are merged into one. That costs a pass over the index when something changed (about 0.1 s at
/// 100,000 instructions) and nothing otherwise. PostgreSQL's GIN index needs nothing from us.
/// </summary>
public static class InstructionSearchIndex
{
    public static async Task OptimizeAsync(AutoIfDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "InstructionSearch"("InstructionSearch") VALUES ('optimize');""", cancellationToken);
        }
    }
}
