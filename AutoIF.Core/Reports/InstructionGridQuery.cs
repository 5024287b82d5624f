using System.Text.Json;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>
/// The Instructions grid: filter, sort and page in SQL, projections only. Every part costs about the same at 1,000 and
/// at 100,000 instructions: the page is a keyset seek in the sort's index (OFFSET only for jumps), the count stops at
/// <see cref="CountCap"/>, and the text search uses the full-text index (FTS5 on SQLite, a GIN tsvector index on
/// PostgreSQL). The page is found first as a list of ids over the narrow index, then only those rows are projected with
/// their per-row counts.
/// </summary>
public sealed class InstructionGridQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public const int MaxPageSize = 500;

    /// <summary>Counting stops here; the grid then says "more than 1,000" and offers the exact count on request.</summary>
    public const int CountCap = 1_000;

    /// <summary>
    /// On SQLite, a search matching at most this many instructions is read from the full-text index first; a broader one
    /// is tested row by row while walking the sort's index (it soon finds a page). Settable for tests.
    /// </summary>
    public int SearchScanThreshold { get; init; } = 2_000;

    // Past this many candidates tested one by one (the search is broad, but rare in this filter), reading all its
    // matches is the cheaper plan.
    private const int MaxCheckedRows = 5_000;

    public async Task<InstructionGridPage> ExecuteAsync(InstructionGridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var take = Math.Clamp(request.Take, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var count = request.KnownCount ?? await CountAsync(db, request.Filter, exact: false, cancellationToken);
        // The page before a row is the page after it in the reverse order, read back to front. One more row than the
        // page tells whether another page follows.
        var (reverse, start, skip, limit) = request switch
        {
            { After: { } after } => (false, after, 0, take + 1),
            { Before: { } before } => (true, before, 0, take),
            _ => (false, (InstructionGridKey?)null, Math.Max(0, request.Skip), take + 1),
        };
        var window = new Window(request.Sort, reverse ? !request.Descending : request.Descending, start, skip, limit,
            // SQLite sorts NULL below every number, PostgreSQL above: the pass-rate seek must agree with ORDER BY on each.
            NullIsLow: db.Database.IsSqlite());
        var ids = await CheckEachRowAsync(db, request.Filter, window, cancellationToken)
            ?? (await KeysAsync(Apply(db, request.Filter), window, cancellationToken)).Select(k => k.Id).ToList();
        if (reverse)
        {
            ids.Reverse();
        }
        var hasMore = reverse || ids.Count > take;
        if (ids.Count > take)
        {
            ids.RemoveRange(take, ids.Count - take);
        }
        if (ids.Count == 0)
        {
            return new InstructionGridPage([], count, false);
        }
        var keptVerifier = EffectiveStatus.Is<Verifier>(ItemStatus.Kept);
        var rows = await db.Instructions.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Select(i => new InstructionGridRow(
                i.Id, i.RunId, i.Run!.Name, i.Text, i.Origin, i.Status, i.DropStage, i.DropReason, i.PassRate, i.ReviewState, i.IsDemo,
                i.Verifiers.AsQueryable().Count(keptVerifier),
                i.Verifiers.Count()))
            .ToListAsync(cancellationToken);
        var order = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return new InstructionGridPage([.. rows.OrderBy(r => order[r.Id])], count, hasMore);
    }

    /// <summary>How many rows the filter matches, up to <see cref="CountCap"/> unless <paramref name="exact"/>.</summary>
    public async Task<InstructionGridCount> CountAsync(InstructionGridFilter filter, bool exact = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CountAsync(db, filter, exact, cancellationToken);
    }

    private static async Task<InstructionGridCount> CountAsync(AutoIfDbContext db, InstructionGridFilter filter, bool exact, CancellationToken cancellationToken)
    {
        var query = Apply(db, filter);
        if (exact)
        {
            return new InstructionGridCount(await query.CountAsync(cancellationToken), false);
        }
        var counted = await query.Take(CountCap + 1).CountAsync(cancellationToken);
        return new InstructionGridCount(Math.Min(counted, CountCap), counted > CountCap);
    }

    /// <summary>Which rows a page holds: the sort, where it starts (after a row, or from the top skipping some) and how many.</summary>
    private sealed record Window(InstructionSortColumn Sort, bool Descending, InstructionGridKey? Start, int Skip, int Limit, bool NullIsLow);

    /// <summary>
    /// A broad search on SQLite, sorted by anything but id: walk the rest of the filter in the sort's index and test the
    /// candidates against the full-text index in batches, until the page is full. Reading every match first would cost
    /// as much as the matches (all 100,000 rows for a common word). Null when this is not the case, or when the
    /// candidates turn out to match too rarely: then reading the matches first is the cheaper way.
    /// </summary>
    private async Task<List<int>?> CheckEachRowAsync(AutoIfDbContext db, InstructionGridFilter filter, Window window, CancellationToken cancellationToken)
    {
        var search = TextSearch.Parse(filter.Search);
        if (search.IsEmpty || window.Sort == InstructionSortColumn.Id || !db.Database.IsSqlite())
        {
            // Sorted by id, the full-text index delivers its matches in order itself.
            return null;
        }
        var match = search.ToFts5();
        var probe = SearchScanThreshold + 1;
        // Reading up to threshold+1 matches is cheap: FTS5 streams a word's rows in id order.
        var matches = await db.Database.SqlQuery<int>(
            $"""SELECT COUNT(*) AS "Value" FROM (SELECT 1 FROM "InstructionSearch" WHERE "InstructionSearch" MATCH {match} LIMIT {probe})""")
            .SingleAsync(cancellationToken);
        if (matches <= SearchScanThreshold)
        {
            return null;
        }
        var candidates = Apply(db, filter with { Search = null });
        var batch = Math.Max(100, window.Limit * 4);
        var found = new List<int>();
        var skip = window.Skip;
        var checkedRows = 0;
        var start = window.Start;
        while (found.Count < window.Limit)
        {
            if (checkedRows >= MaxCheckedRows + window.Skip)
            {
                return null;
            }
            var keys = await KeysAsync(candidates, window with { Start = start, Skip = 0, Limit = batch }, cancellationToken);
            if (keys.Count == 0)
            {
                break;
            }
            checkedRows += keys.Count;
            var ids = JsonSerializer.Serialize(keys.Select(k => k.Id));
            // json_each drives: each candidate is one FTS5 lookup by rowid, whatever the planner thinks of the match.
            var hits = (await db.Database.SqlQuery<int>(
                $"""SELECT "j"."value" AS "Value" FROM json_each({ids}) AS "j" WHERE EXISTS (SELECT 1 FROM "InstructionSearch" WHERE "InstructionSearch" MATCH {match} AND "InstructionSearch".rowid = "j"."value")""")
                .ToListAsync(cancellationToken)).ToHashSet();
            foreach (var key in keys.Where(k => hits.Contains(k.Id)))
            {
                if (skip > 0)
                {
                    skip--;
                }
                else if (found.Count < window.Limit)
                {
                    found.Add(key.Id);
                }
            }
            if (keys.Count < batch)
            {
                break;
            }
            start = keys[^1];
        }
        return found;
    }

    /// <summary>The filter as SQL predicates; shared by the page, its count and the spot-check queue.</summary>
    public static IQueryable<Instruction> Apply(AutoIfDbContext db, InstructionGridFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = Searched(db, filter.Search);
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
        if (filter.FromSeed is { } seed)
        {
            query = query.Where(i => db.InstructionSeeds.Any(l => l.SeedInstructionId == seed && l.InstructionId == i.Id));
        }
        if (filter.MinPassRate is { } min)
        {
            query = query.Where(i => i.PassRate >= min);
        }
        if (filter.MaxPassRate is { } max)
        {
            query = query.Where(i => i.PassRate <= max);
        }
        if (!string.IsNullOrWhiteSpace(filter.DropReason))
        {
            var pattern = Like(filter.DropReason);
            query = query.Where(i => i.DropReason != null && EF.Functions.Like(i.DropReason.ToLower(), pattern, "\\"));
        }
        return query.AsNoTracking();
    }

    private static IQueryable<Instruction> Searched(AutoIfDbContext db, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return db.Instructions;
        }
        var search = TextSearch.Parse(text);
        if (search.IsEmpty)
        {
            // Only punctuation: no indexed word can match it.
            return db.Instructions.Where(i => false);
        }
        if (db.Database.IsSqlite())
        {
            // CROSS JOIN keeps the FTS5 table outermost: SQLite reads the matches in id order and can stop at a LIMIT. The
            // id comes from the FTS5 side so that ORDER BY id is that order (no sort) and an id seek is an FTS5 rowid range.
            var columns = string.Join(", ", db.Model.FindEntityType(typeof(Instruction))!.GetProperties()
                .Select(p => p.GetColumnName())
                .Select(c => c == nameof(Instruction.Id) ? "\"InstructionSearch\".rowid AS \"Id\"" : $"\"i\".\"{c}\""));
#pragma warning disable EF1002 // The column names come from the model, the search is a parameter.
            return db.Instructions.FromSqlRaw(
                $$"""SELECT {{columns}} FROM "InstructionSearch" CROSS JOIN "Instructions" AS "i" ON "i"."Id" = "InstructionSearch".rowid WHERE "InstructionSearch" MATCH {0}""",
                search.ToFts5());
#pragma warning restore EF1002
        }
    // The same expression as the GIN index in the PostgreSQL migration, so the index serves it.
        var tsquery = search.ToTsQuery();
        return db.Instructions.Where(i => EF.Functions.ToTsVector("simple", i.Text).Matches(EF.Functions.ToTsQuery("simple", tsquery)));
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

    /// <summary>The keys of the window's rows: from the top (skipping some), or following its start row in the sort.</summary>
    private static async Task<List<InstructionGridKey>> KeysAsync(IQueryable<Instruction> filtered, Window window, CancellationToken cancellationToken)
    {
        var (column, descending, key, limit) = (window.Sort, window.Descending, window.Start, window.Limit);
        if (key is null)
        {
            return await Keys(Sort(filtered, column, descending).Skip(window.Skip).Take(limit)).ToListAsync(cancellationToken);
        }
        if (column != InstructionSortColumn.PassRate)
        {
            return await Keys(Sort(After(filtered, column, descending, key), column, descending).Take(limit)).ToListAsync(cancellationToken);
        }
        // Pass rate is nullable: "(rate, id) after the key" with NULLs in it is an OR no index range serves, so the rows
        // with a rate and the rows without are two ranges, read one after the other in the order ORDER BY puts them.
        var nullsFirst = window.NullIsLow != descending;
        bool[] nullRanges = nullsFirst ? [true, false] : [false, true];
        var start = Array.IndexOf(nullRanges, key.PassRate is null);
        var keys = new List<InstructionGridKey>();
        for (var range = start; range < nullRanges.Length && keys.Count < limit; range++)
        {
            IQueryable<Instruction> query;
            if (nullRanges[range])
            {
                query = filtered.Where(i => i.PassRate == null);
                if (range == start)
                {
                    var id = key.Id;
                    query = descending ? query.Where(i => i.Id < id) : query.Where(i => i.Id > id);
                }
                query = descending ? query.OrderByDescending(i => i.Id) : query.OrderBy(i => i.Id);
            }
            else
            {
                query = filtered.Where(i => i.PassRate != null);
                if (range == start)
                {
                    var (rate, id) = (key.PassRate!.Value, key.Id);
                    query = descending
                        ? query.Where(i => i.PassRate <= rate && (i.PassRate < rate || i.Id < id))
                        : query.Where(i => i.PassRate >= rate && (i.PassRate > rate || i.Id > id));
                }
                query = Sort(query, InstructionSortColumn.PassRate, descending);
            }
            keys.AddRange(await Keys(query.Take(limit - keys.Count)).ToListAsync(cancellationToken));
        }
        return keys;
    }

    private static IQueryable<InstructionGridKey> Keys(IQueryable<Instruction> query) =>
        query.Select(i => new InstructionGridKey(i.Id, i.RunId, i.Status, i.ReviewState, i.PassRate));

    // "value >= v AND (value > v OR id > key id)": the first part is a range seek in the sort's index, the second only
    // skips the rows that tie with the key.
    private static IQueryable<Instruction> After(IQueryable<Instruction> query, InstructionSortColumn column, bool descending, InstructionGridKey key)
    {
        var (id, status, review, run) = (key.Id, key.Status, key.ReviewState, key.RunId);
        return (column, descending) switch
        {
            (InstructionSortColumn.Status, false) => query.Where(i => i.Status >= status && (i.Status > status || i.Id > id)),
            (InstructionSortColumn.Status, true) => query.Where(i => i.Status <= status && (i.Status < status || i.Id < id)),
            (InstructionSortColumn.ReviewState, false) => query.Where(i => i.ReviewState >= review && (i.ReviewState > review || i.Id > id)),
            (InstructionSortColumn.ReviewState, true) => query.Where(i => i.ReviewState <= review && (i.ReviewState < review || i.Id < id)),
            (InstructionSortColumn.Run, false) => query.Where(i => i.RunId >= run && (i.RunId > run || i.Id > id)),
            (InstructionSortColumn.Run, true) => query.Where(i => i.RunId <= run && (i.RunId < run || i.Id < id)),
            (_, true) => query.Where(i => i.Id < id),
            _ => query.Where(i => i.Id > id),
        };
    }

    /// <summary>A lower-case LIKE pattern matching the text anywhere (compared with lower(column): the same on SQLite and PostgreSQL), with the user's % and _ taken literally.</summary>
    public static string Like(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
