using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Audit;

/// <summary>
/// The one writer and reader of a run's audit list (decision 033): who did what to the run and when. Every front end's
/// action reaches it through the use-case layer, and a review decision through <see cref="Reviews.ReviewService"/> in
/// the decision's own transaction (<see cref="Add"/>), so an entry is made one way wherever it comes from.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    private const int MaxActorLength = 256;
    private const int MaxDetailLength = 2000;

    /// <summary>Writes one entry now.</summary>
    public async Task RecordAsync(int runId, string actor, string action, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        Add(db, runId, actor, action, detail, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds an entry to <paramref name="db"/> for a caller that saves it with its own change (in its transaction).</summary>
    public static void Add(AutoIfDbContext db, int runId, string actor, string action, string? detail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var who = string.IsNullOrWhiteSpace(actor) ? "unknown" : actor.Trim();
        var what = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
        db.AuditEntries.Add(new AuditEntry
        {
            RunId = runId,
            Actor = who.Length > MaxActorLength ? who[..MaxActorLength] : who,
            Action = action,
            Detail = what is { Length: > MaxDetailLength } ? what[..(MaxDetailLength - 1)] + "…" : what,
            At = at,
        });
    }

    /// <summary>One page of the run's entries, newest first (<paramref name="page"/> from 0), with the total.</summary>
    public async Task<AuditPage> PageAsync(int runId, int page = 0, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var skip = Math.Max(page, 0) * size;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.RunId == runId);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(a => a.Id).Skip(skip).Take(size)
            .Select(a => new AuditRow(a.Id, a.RunId, a.Actor, a.Action, a.Detail, a.At))
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, total, Math.Max(page, 0), size);
    }
}
