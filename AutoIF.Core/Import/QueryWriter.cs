using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Import;

/// <summary>
/// Stores a query pool inside the caller's transaction: unique per run by normalised text (duplicates in the file or
/// already in the run are skipped and counted), queries outside the length window stored as dropped with the reason.
/// </summary>
internal static class QueryWriter
{
    private const int QueriesPerBatch = 2000;
    private const int MaxSourceLength = 500;

    public static async Task WriteAsync(
        AutoIfDbContext db, int runId, QueriesSettings lengths, IEnumerable<string> queries, string source, ImportTally tally, CancellationToken cancellationToken)
    {
        source = SourceName(source);
        var known = (await db.Queries.AsNoTracking().Where(q => q.RunId == runId).Select(q => q.TextHash).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var pending = 0;
        foreach (var text in queries)
        {
            var hash = TextHash.Normalized(text);
            if (!known.Add(hash))
            {
                tally.Skipped++;
                continue;
            }
            var dropReason = QueryLengthFilter.DropReason(text.Length, lengths);
            var query = new Query
            {
                RunId = runId,
                Text = text,
                TextHash = hash,
                Source = source,
                Length = text.Length,
                Status = dropReason is null ? ItemStatus.Kept : ItemStatus.Dropped,
            };
            query.SetDropReason(dropReason);
            db.Queries.Add(query);
            tally.Queries++;
            if (dropReason is not null)
            {
                tally.DroppedQueries++;
            }
            if (++pending == QueriesPerBatch)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>The file name as a query's <c>Source</c> (the column holds at most 500 characters).</summary>
    public static string SourceName(string source) => source.Length > MaxSourceLength ? source[..MaxSourceLength] : source;
}
