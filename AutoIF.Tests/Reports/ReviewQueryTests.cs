using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Reports;

public class ReviewQueryTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SeededReviewData _data = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _data = await ReviewDataSeeder.SeedAsync(_db.Contexts, fillerInstructions: 60);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<InstructionGridPage> Grid(InstructionGridFilter filter, InstructionSortColumn sort = InstructionSortColumn.Id, bool descending = false, int skip = 0, int take = 25) =>
        new InstructionGridQuery(_db.Contexts).ExecuteAsync(new InstructionGridRequest(filter, sort, descending, skip, take));

    [Fact]
    public async Task The_grid_pages_in_sql_and_counts_the_whole_filter()
    {
        var first = await Grid(InstructionGridFilter.None, take: 25);
        var third = await Grid(InstructionGridFilter.None, skip: 50, take: 25);

        Assert.Equal(63, first.Total);
        Assert.Equal(25, first.Rows.Count);
        Assert.Equal(13, third.Rows.Count);
        Assert.Equal(first.Rows.Select(r => r.Id).Order(), first.Rows.Select(r => r.Id));
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(third.Rows.Select(r => r.Id)));
    }

    [Fact]
    public async Task Search_status_stage_reason_pass_rate_review_and_origin_filter_the_rows_and_the_count()
    {
        var search = await Grid(new InstructionGridFilter { Search = "LETTER e" });
        Assert.Equal([_data.CrossValidateDroppedInstructionId], search.Rows.Select(r => r.Id));
        Assert.Equal(1, search.Total);

        var consistency = await Grid(new InstructionGridFilter { Status = ItemStatus.Dropped, DropStage = PipelineStage.Consistency });
        Assert.Equal([_data.ConsistencyDroppedInstructionId], consistency.Rows.Select(r => r.Id));

        var reason = await Grid(new InstructionGridFilter { DropReason = "compiled distinct" });
        Assert.Equal(30, reason.Total);

        var passRate = await Grid(new InstructionGridFilter { MinPassRate = 0.7, MaxPassRate = 0.8 });
        Assert.Contains(passRate.Rows, r => r.Id == _data.KeptInstructionId);
        Assert.All(passRate.Rows, r => Assert.InRange(r.PassRate!.Value, 0.7, 0.8));

        Assert.Equal(0, (await Grid(new InstructionGridFilter { ReviewState = ReviewState.Approved })).Total);
        Assert.Equal(0, (await Grid(new InstructionGridFilter { Origin = InstructionOrigin.Seed })).Total);
        Assert.Equal(0, (await Grid(new InstructionGridFilter { RunId = _data.RunId + 1 })).Total);
    }

    [Fact]
    public async Task A_search_of_only_punctuation_matches_nothing()
    {
        var page = await Grid(new InstructionGridFilter { Search = "%" });

        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task Sorting_by_pass_rate_descending_puts_the_highest_first_and_rows_carry_verifier_counts()
    {
        var page = await Grid(InstructionGridFilter.None, InstructionSortColumn.PassRate, descending: true, take: 40);
        var kept = Assert.Single((await Grid(new InstructionGridFilter { Search = "fewer than 40" })).Rows);

        var rates = page.Rows.Select(r => r.PassRate).TakeWhile(r => r is not null).Select(r => r!.Value).ToList();
        Assert.Equal(0.8, rates[0], 6);
        Assert.Equal(rates.OrderDescending(), rates);
        Assert.Contains(page.Rows, r => r.Id == _data.KeptInstructionId);
        Assert.Equal(1, kept.KeptVerifiers);
        Assert.Equal(4, kept.Verifiers);
        Assert.Equal(ReviewDataSeeder.RunName, kept.RunName);
    }

    [Fact]
    public async Task The_detail_holds_verifiers_matrix_back_translations_and_paged_responses_with_verdicts()
    {
        var query = new InstructionDetailQuery(_db.Contexts);

        var detail = await query.ExecuteAsync(_data.KeptInstructionId);
        var responses = await query.ResponsesAsync(_data.KeptInstructionId, 0, 2);

        Assert.NotNull(detail);
        Assert.Equal(4, detail.Verifiers.Count);
        Assert.Equal(2, detail.TestCases.Count);
        Assert.Equal(6, detail.Matrix.Count);
        Assert.Equal(ReviewDataSeeder.ErrorDetail, detail.Matrix.Single(c => c.Verdict == VerdictKind.Error).Detail);
        Assert.Single(detail.BackTranslations);
        Assert.Equal(3, detail.ResponseCount);
        Assert.Equal(3, responses.Total);
        Assert.Equal(2, responses.Rows.Count);
        Assert.Equal(2, responses.Rows[0].Verdicts.Count);
        Assert.Null(await query.ExecuteAsync(999_999));
    }

    [Fact]
    public async Task Failing_verifiers_are_grouped_by_kind_with_reasons()
    {
        var query = new FailingVerifierQuery(_db.Contexts);

        var compile = await query.ExecuteAsync(FailureKind.CompileFailed, _data.RunId, 0, 25);
        var errors = await query.ExecuteAsync(FailureKind.Error, null, 0, 25);
        var timeouts = await query.ExecuteAsync(FailureKind.Timeout, null, 0, 25);

        Assert.Equal(_data.BrokenVerifierId, Assert.Single(compile.Rows).VerifierId);
        Assert.Equal("invalid syntax (line 1)", compile.Rows[0].Reason);
        Assert.Equal(2, compile.CountsByKind[FailureKind.DisagreedWithCases]);
        Assert.Equal(0, compile.CountsByKind[FailureKind.Crashed]);
        var error = Assert.Single(errors.Rows);
        Assert.Equal(_data.ErroringVerifierId, error.VerifierId);
        Assert.Equal(ReviewDataSeeder.ErrorDetail, error.Reason);
        Assert.Equal(2, error.FailedCalls);
        Assert.Equal(_data.ErroringVerifierId, Assert.Single(timeouts.Rows).VerifierId);
    }

    [Fact]
    public async Task Histograms_are_bucketed_with_the_top_value_in_the_last_bucket()
    {
        var histograms = await new DashboardQuery(_db.Contexts, _db.Get<AutoIF.Core.Pipeline.RunLiveness>()).HistogramsAsync(_data.RunId);

        Assert.Equal(10, histograms.VerifierCaseAccuracy.Count);
        Assert.Equal(1, histograms.VerifierCaseAccuracy[0].Count);
        Assert.Equal(1, histograms.VerifierCaseAccuracy[5].Count);
        Assert.Equal(1, histograms.VerifierCaseAccuracy[9].Count);
        Assert.Equal(2, histograms.ResponseAccuracy[9].Count);
        Assert.Equal(1, histograms.ResponseAccuracy[0].Count);
        Assert.Equal(1, histograms.JudgeScores[9].Count);
        Assert.Equal(1, histograms.JudgeScores[5].Count);
    }

    [Fact]
    public async Task The_run_list_carries_stage_progress()
    {
        var runs = await new DashboardQuery(_db.Contexts, _db.Get<AutoIF.Core.Pipeline.RunLiveness>()).RunsAsync();

        var run = Assert.Single(runs);
        Assert.Equal(2, run.Stages.Count);
        Assert.True(run.IsDemo);
        Assert.Equal(100, run.Stages[0].Percent);
    }

    [Fact]
    public async Task Verifiers_are_found_by_id_or_instruction_text()
    {
        var lookup = new VerifierLookupQuery(_db.Contexts);

        Assert.Equal(_data.GoodVerifierId, Assert.Single(await lookup.SearchAsync($"#{_data.GoodVerifierId}")).Id);
        Assert.Equal(4, (await lookup.SearchAsync("fewer than 40")).Count);
        Assert.Empty(await lookup.SearchAsync("no such instruction"));
    }
}
