using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Core.Reviews;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Reports;

/// <summary>
/// What the Instructions grid promises, on a real database of each provider: full-text search, a capped count, and
/// keyset pages that walk every row exactly once in every sort, forwards and backwards.
/// </summary>
public abstract class InstructionGridBehaviour : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _runId;
    private int _otherRunId;
    private IReadOnlyList<Instruction> _rows = [];

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _db = await CreateDatabaseAsync();
        (_runId, _otherRunId, _rows) = await GridRows.SeedAsync(_db.Contexts);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private InstructionGridQuery Query(int threshold = 2_000) => new(_db.Contexts) { SearchScanThreshold = threshold };

    private InstructionGridFilter InRun(string? search = null) => new() { RunId = _runId, Search = search };

    private async Task<IReadOnlyList<string>> TextsAsync(InstructionGridFilter filter)
    {
        var page = await Query().ExecuteAsync(new InstructionGridRequest(filter, Take: InstructionGridQuery.MaxPageSize));
        Assert.Equal(page.Rows.Count, page.Total);
        return [.. page.Rows.Select(r => r.Text)];
    }

    private IEnumerable<string> Expected(Func<string, bool> predicate) => _rows.Where(r => r.RunId == _runId && predicate(r.Text)).OrderBy(r => r.Id).Select(r => r.Text);

    [Fact]
    public async Task Search_matches_whole_words_in_any_case_and_every_word_must_match()
    {
        Assert.Equal(Expected(t => t.Contains(" words.", StringComparison.Ordinal)), await TextsAsync(InRun("WORDS")));
        Assert.Empty(await TextsAsync(InRun("word")));
        Assert.Equal(Expected(t => t.Contains("JSON", StringComparison.Ordinal)), await TextsAsync(InRun("answer json")));
        Assert.Empty(await TextsAsync(InRun("fewer json")));
        Assert.Equal(["Answer in fewer than 40 words."], await TextsAsync(InRun("fewer than 40")));
    }

    [Fact]
    public async Task A_trailing_star_matches_words_starting_with_it_and_quotes_keep_words_together()
    {
        Assert.Equal(Expected(t => t.Contains("verification", StringComparison.Ordinal)), await TextsAsync(InRun("verif*")));
        Assert.Equal(Expected(t => t.Contains("answer with", StringComparison.Ordinal)), await TextsAsync(InRun("\"answer with\"")));
        Assert.Empty(await TextsAsync(InRun("\"with answer\"")));
        Assert.Equal(Expected(t => t.StartsWith("Use exactly 1", StringComparison.Ordinal)), await TextsAsync(InRun("\"exactly 1\"* bullet")));
    }

    [Fact]
    public async Task Punctuation_in_a_search_splits_words_as_in_the_text_and_a_search_of_only_punctuation_matches_nothing()
    {
        Assert.Equal(Expected(t => t.Contains("P.S.", StringComparison.Ordinal)), await TextsAsync(InRun("p.s.")));
        Assert.Equal(Expected(t => t.Contains("JSON,", StringComparison.Ordinal)), await TextsAsync(InRun("JSON,")));
        Assert.Empty(await TextsAsync(InRun("% _ \"")));
        Assert.Empty(await TextsAsync(InRun("AND OR NOT")));
        // A control character (a NUL from a shared link) separates words instead of reaching the engine.
        Assert.Equal(Expected(t => t.Contains("P.S.", StringComparison.Ordinal)), await TextsAsync(InRun("p.s.\u0000")));
        Assert.Equal(await TextsAsync(InRun("exactly bullet")), await TextsAsync(InRun("exactly\u0000bullet\t")));
    }

    [Fact]
    public async Task Search_combines_with_the_other_filters_and_the_sort()
    {
        var filter = InRun("answer") with { Status = ItemStatus.Kept, MinPassRate = 0.25, MaxPassRate = 0.75 };
        var expected = _rows
            .Where(r => r.RunId == _runId && r.Text.Contains("answer", StringComparison.OrdinalIgnoreCase) && r.Status == ItemStatus.Kept && r.PassRate is >= 0.25 and <= 0.75)
            .OrderByDescending(r => r.PassRate).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
        Assert.NotEmpty(expected);

        foreach (var threshold in new[] { 2_000, 1 })
        {
            var page = await Query(threshold).ExecuteAsync(new InstructionGridRequest(filter, InstructionSortColumn.PassRate, true, Take: 100));
            Assert.Equal(expected, page.Rows.Select(r => r.Id));
            Assert.Equal(new InstructionGridCount(expected.Count, false), page.Count);
        }
    }

    [Fact]
    public async Task The_search_follows_edits_and_deletions()
    {
        await using (var db = _db.CreateContext())
        {
            var target = await db.Instructions.SingleAsync(i => i.RunId == _runId && i.TextHash == "h0");
            target.Text = "Reply in the voice of a pirate.";
            await db.SaveChangesAsync();
        }
        Assert.Equal(["Reply in the voice of a pirate."], await TextsAsync(InRun("pirate")));
        Assert.DoesNotContain("Reply in the voice of a pirate.", await TextsAsync(InRun("words")));

        await using (var db = _db.CreateContext())
        {
            await db.Runs.Where(r => r.Id == _otherRunId).ExecuteDeleteAsync();
        }
        var everywhere = await Query().ExecuteAsync(new InstructionGridRequest(new InstructionGridFilter { Search = "words" }, Take: 500));
        Assert.All(everywhere.Rows, r => Assert.Equal(_runId, r.RunId));
        Assert.Equal(Expected(t => t.Contains(" words.", StringComparison.Ordinal)).Count() - 1, everywhere.Total);
    }

    [Fact]
    public async Task The_spot_check_queue_uses_the_same_search()
    {
        var reviews = new ReviewService(_db.Contexts, Options.Create(new ReviewOptions()), TimeProvider.System);
        var queue = await new SpotCheckQueue(_db.Contexts, reviews).BuildAsync(new SpotCheckQueueRequest(ReviewTarget.Instruction, _runId, Size: 500, OnlyUnreviewed: false, Search: "json"));

        Assert.Equal(_rows.Where(r => r.RunId == _runId && r.Text.Contains("JSON", StringComparison.Ordinal)).Select(r => (long)r.Id).Order(), queue.Order());
    }

    [Fact]
    public async Task Counting_stops_at_the_cap_and_says_so_and_an_exact_count_is_available()
    {
        await using (var db = _db.CreateContext())
        {
            var big = new Run { Name = "big", Settings = new RunSettings(), Status = RunStatus.Completed, CreatedAt = DateTimeOffset.UtcNow };
            db.Runs.Add(big);
            await db.SaveChangesAsync();
            db.Instructions.AddRange(Enumerable.Range(0, InstructionGridQuery.CountCap + 2).Select(i => new Instruction
            {
                RunId = big.Id, Text = $"Big instruction {i}.", TextHash = $"b{i}", Status = ItemStatus.Kept, CreatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync();
        }
        var query = Query();

        var all = await query.ExecuteAsync(new InstructionGridRequest(InstructionGridFilter.None, Take: 25));
        var small = await query.ExecuteAsync(new InstructionGridRequest(InRun(), Take: 25));

        Assert.Equal(new InstructionGridCount(InstructionGridQuery.CountCap, true), all.Count);
        Assert.Equal("more than 1,000", all.Count.Display);
        Assert.True(all.HasMore);
        Assert.Equal(new InstructionGridCount(GridRows.PerRun + 8 + InstructionGridQuery.CountCap + 2, false), await query.CountAsync(InstructionGridFilter.None, exact: true));
        Assert.Equal(new InstructionGridCount(GridRows.PerRun, false), small.Count);
        Assert.Equal("120", small.Count.Display);
        var search = await query.ExecuteAsync(new InstructionGridRequest(new InstructionGridFilter { Search = "big instruction" }, Take: 25));
        Assert.True(search.Count.Capped);
    }

    public static TheoryData<InstructionSortColumn, bool, string?, int> Walks()
    {
        var data = new TheoryData<InstructionSortColumn, bool, string?, int>();
        foreach (var sort in Enum.GetValues<InstructionSortColumn>())
        {
            foreach (var descending in new[] { false, true })
            {
                data.Add(sort, descending, null, 2_000);
                data.Add(sort, descending, "answer", 2_000);
                // A threshold of 1 makes every search "broad": SQLite tests candidates in batches instead of reading matches.
                data.Add(sort, descending, "answer", 1);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Keyset_pages_walk_every_row_once_in_sort_order_forwards_and_backwards(InstructionSortColumn sort, bool descending, string? search, int threshold)
    {
        var query = Query(threshold);
        var filter = new InstructionGridFilter { Search = search };
        var all = await query.ExecuteAsync(new InstructionGridRequest(filter, sort, descending, Take: InstructionGridQuery.MaxPageSize));
        Assert.False(all.HasMore);
        Assert.Equal(all.Total, all.Rows.Count);
        AssertSorted(all.Rows, sort, descending);

        const int size = 7;
        var forward = new List<int>();
        var page = await query.ExecuteAsync(new InstructionGridRequest(filter, sort, descending, Take: size));
        forward.AddRange(page.Rows.Select(r => r.Id));
        var pages = new List<InstructionGridPage> { page };
        while (page.HasMore)
        {
            page = await query.ExecuteAsync(new InstructionGridRequest(filter, sort, descending, Take: size, KnownCount: page.Count, After: InstructionGridKey.Of(page.Rows[^1])));
            Assert.InRange(page.Rows.Count, 1, size);
            forward.AddRange(page.Rows.Select(r => r.Id));
            pages.Add(page);
        }
        Assert.Equal(all.Rows.Select(r => r.Id), forward);

        // Backwards from the last page: each "previous" page is the page that was shown there going forwards.
        for (var i = pages.Count - 1; i > 0; i--)
        {
            var previous = await query.ExecuteAsync(new InstructionGridRequest(filter, sort, descending, Take: size, KnownCount: page.Count, Before: InstructionGridKey.Of(pages[i].Rows[0])));
            Assert.Equal(pages[i - 1].Rows.Select(r => r.Id), previous.Rows.Select(r => r.Id));
        }

        // A jump by offset lands on the same rows as walking there.
        var jumped = await query.ExecuteAsync(new InstructionGridRequest(filter, sort, descending, Skip: 3 * size, Take: size));
        Assert.Equal(pages[3].Rows.Select(r => r.Id), jumped.Rows.Select(r => r.Id));
    }

    private static void AssertSorted(IReadOnlyList<InstructionGridRow> rows, InstructionSortColumn sort, bool descending)
    {
        // NULL pass rates sit together at one end (which end is the database's choice); the rest is in order, ties by id.
        var nulls = rows.Select((r, i) => (r, i)).Where(x => sort == InstructionSortColumn.PassRate && x.r.PassRate is null).Select(x => x.i).ToList();
        if (nulls.Count > 0)
        {
            Assert.True(nulls[0] == 0 || nulls[^1] == rows.Count - 1, "NULL pass rates are at one end");
            Assert.Equal(nulls.Count, nulls[^1] - nulls[0] + 1);
        }
        var valued = rows.Where(r => sort != InstructionSortColumn.PassRate || r.PassRate is not null).ToList();
        for (var i = 1; i < valued.Count; i++)
        {
            var order = Compare(valued[i - 1], valued[i], sort);
            Assert.True(descending ? order > 0 : order < 0, $"rows {valued[i - 1].Id} and {valued[i].Id} are out of order");
        }
    }

    private static int Compare(InstructionGridRow a, InstructionGridRow b, InstructionSortColumn sort)
    {
        var value = sort switch
        {
            InstructionSortColumn.PassRate => Nullable.Compare(a.PassRate, b.PassRate),
            InstructionSortColumn.Status => a.Status.CompareTo(b.Status),
            InstructionSortColumn.ReviewState => a.ReviewState.CompareTo(b.ReviewState),
            InstructionSortColumn.Run => a.RunId.CompareTo(b.RunId),
            _ => 0,
        };
        return value != 0 ? value : a.Id.CompareTo(b.Id);
    }
}
