using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>
/// The Instructions grid: filter, sort and page in SQL, projections only. The page is found first as a list of ids over
/// the narrow filtered index (so a deep OFFSET walks ids, not wide rows), then only those rows are projected with their
/// per-row counts; the count uses the same filter.
/// </summary>
public sealed class InstructionGridQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public const int MaxPageSize = 500;

    public async Task<InstructionGridPage> ExecuteAsync(InstructionGridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var take = Math.Clamp(request.Take, 1, MaxPageSize);
        var skip = Math.Max(0, request.Skip);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Apply(db.Instructions.AsNoTracking(), request.Filter);
        var total = request.KnownTotal ?? await filtered.CountAsync(cancellationToken);
        var ids = await Sort(filtered, request.Sort, request.Descending).Skip(skip).Take(take).Select(i => i.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return new InstructionGridPage([], total);
        }
        var rows = await db.Instructions.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Select(i => new InstructionGridRow(
                i.Id, i.RunId, i.Run!.Name, i.Text, i.Origin, i.Status, i.DropStage, i.DropReason, i.PassRate, i.ReviewState, i.IsDemo,
                i.Verifiers.Count(v => (v.Status == ItemStatus.Kept || v.ReviewState == ReviewState.Approved) && v.ReviewState != ReviewState.Rejected),
                i.Verifiers.Count()))
            .ToListAsync(cancellationToken);
        var order = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return new InstructionGridPage([.. rows.OrderBy(r => order[r.Id])], total);
    }

    /// <summary>The filter as SQL predicates; shared by the page, its count and the spot-check queue.</summary>
    public static IQueryable<Instruction> Apply(IQueryable<Instruction> query, InstructionGridFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.RunId is { } runId)
        {
            query = query.Where(i => i.RunId == runId);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }
        if (filter.DropStage is { } stage)
        {
            query = query.Where(i => i.DropStage == stage);
        }
        if (filter.ReviewState is { } review)
        {
            query = query.Where(i => i.ReviewState == review);
        }
        if (filter.Origin is { } origin)
        {
            query = query.Where(i => i.Origin == origin);
        }
        if (filter.MinPassRate is { } min)
        {
            query = query.Where(i => i.PassRate >= min);
        }
        if (filter.MaxPassRate is { } max)
        {
            query = query.Where(i => i.PassRate <= max);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = Like(filter.Search);
            query = query.Where(i => EF.Functions.Like(i.Text.ToLower(), pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(filter.DropReason))
        {
            var pattern = Like(filter.DropReason);
            query = query.Where(i => i.DropReason != null && EF.Functions.Like(i.DropReason.ToLower(), pattern, "\\"));
        }
        return query;
    }

    // Ties broken by id so pages never overlap or skip a row.
    private static IQueryable<Instruction> Sort(IQueryable<Instruction> query, InstructionSortColumn column, bool descending) => (column, descending) switch
    {
        (InstructionSortColumn.PassRate, false) => query.OrderBy(i => i.PassRate).ThenBy(i => i.Id),
        (InstructionSortColumn.PassRate, true) => query.OrderByDescending(i => i.PassRate).ThenByDescending(i => i.Id),
        (InstructionSortColumn.Status, false) => query.OrderBy(i => i.Status).ThenBy(i => i.Id),
        (InstructionSortColumn.Status, true) => query.OrderByDescending(i => i.Status).ThenByDescending(i => i.Id),
        (InstructionSortColumn.ReviewState, false) => query.OrderBy(i => i.ReviewState).ThenBy(i => i.Id),
        (InstructionSortColumn.ReviewState, true) => query.OrderByDescending(i => i.ReviewState).ThenByDescending(i => i.Id),
        (InstructionSortColumn.Run, false) => query.OrderBy(i => i.RunId).ThenBy(i => i.Id),
        (InstructionSortColumn.Run, true) => query.OrderByDescending(i => i.RunId).ThenByDescending(i => i.Id),
        (_, true) => query.OrderByDescending(i => i.Id),
        _ => query.OrderBy(i => i.Id),
    };

    /// <summary>A lower-case LIKE pattern matching the text anywhere (compared with lower(column): the same on SQLite and PostgreSQL), with the user's % and _ taken literally.</summary>
    public static string Like(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
