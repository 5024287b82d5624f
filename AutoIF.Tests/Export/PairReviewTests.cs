using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Core.Reviews;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Export;

/// <summary>
/// Human decisions on DPO pairs and on their sides, on a real SQLite database: pairs built by the builder, decisions
/// recorded by the review service, and what the DPO export, the dataset card's funnel and the dashboard then count.
/// </summary>
public sealed class PairReviewTests : IAsyncLifetime
{
    private PipelineHarness _harness = null!;
    private string _runName = null!;
    private int _runId;
    private long _good1, _good2, _bad1, _bad2;

    public async Task InitializeAsync()
    {
        _harness = await PipelineHarness.StartAsync();
        _runId = await _harness.CreateRunAsync();
        var instruction = await _harness.AddInstructionAsync(_runId, "Mention x.", ItemStatus.Kept);
        var prompt = await _harness.AddPromptAsync(_runId, instruction, "Answer. Mention x.");
        _good1 = await _harness.AddResponseAsync(_runId, prompt, "x, first", 0, accuracy: 1.0, judgeScore: 9, status: ItemStatus.Kept);
        _good2 = await _harness.AddResponseAsync(_runId, prompt, "x, second", 1, accuracy: 1.0, judgeScore: 8, status: ItemStatus.Kept);
        _bad1 = await _harness.AddResponseAsync(_runId, prompt, "no mention", 2, accuracy: 0, status: ItemStatus.Dropped);
        _bad2 = await _harness.AddResponseAsync(_runId, prompt, "still none", 3, accuracy: 0, status: ItemStatus.Dropped);
        await _harness.Get<DpoPairBuilder>().BuildAsync(_runId, 0, CancellationToken.None);
        await using var db = _harness.CreateContext();
        _runName = await db.Runs.Where(r => r.Id == _runId).Select(r => r.Name).SingleAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private ReviewService Reviews => new(_harness.Database.Contexts, Options.Create(new ReviewOptions()), TimeProvider.System);

    private ExportRequest Dpo => new() { Runs = [_runName], Kind = ExportKind.Dpo, Format = ExportFormats.TrlDpo };

    private async Task<long> PairAsync(long chosen, long rejected)
    {
        await using var db = _harness.CreateContext();
        return await db.DpoPairs.Where(p => p.ChosenResponseId == chosen && p.RejectedResponseId == rejected).Select(p => p.Id).SingleAsync();
    }

    private async Task<List<(long, long)>> ExportedAsync(ExportRequest request)
    {
        var pairs = await _harness.Get<DatasetExporter>().DpoRows(request).Select(r => r.SourceId).ToListAsync();
        await using var db = _harness.CreateContext();
        return [.. (await db.DpoPairs.Where(p => pairs.Contains(p.Id)).OrderBy(p => p.Id).Select(p => new { p.ChosenResponseId, p.RejectedResponseId }).ToListAsync())
            .Select(p => (p.ChosenResponseId!.Value, p.RejectedResponseId!.Value))];
    }

    [Fact]
    public async Task A_rejected_pair_is_left_out_of_the_dpo_export_and_the_pair_counts_but_stays_stored()
    {
        var pair = await PairAsync(_good1, _bad1);

        var review = await Reviews.RecordAsync(new ReviewDecision(ReviewTarget.Pair, pair, ReviewState.Rejected, "both say x"));

        Assert.Equal(ItemStatus.Kept, review.AutomaticStatus);
        Assert.Equal([(_good1, _bad2), (_good2, _bad1), (_good2, _bad2)], await ExportedAsync(Dpo));
        Assert.Equal(4, (await ExportedAsync(Dpo with { IncludeRejected = true })).Count);
        var card = await _harness.Get<DatasetExporter>().DescribeAsync(Dpo, "pairs", DateTimeOffset.UnixEpoch);
        var pairs = card.Funnel.Single(s => s.Stage == "dpo pairs");
        Assert.Equal((4L, 3L), (pairs.Entered, pairs.Kept));
        Assert.Equal(new PairCounts(4, 3), await new DashboardQuery(_harness.Database.Contexts, _harness.Get<RunLiveness>()).PairsAsync(_runId));
        await using var db = _harness.CreateContext();
        Assert.Equal(ReviewState.Rejected, await db.DpoPairs.Where(p => p.Id == pair).Select(p => p.ReviewState).SingleAsync());
        Assert.Equal(4, await db.DpoPairs.CountAsync(p => p.RunId == _runId));
    }

    [Fact]
    public async Task A_response_rejected_after_pairing_takes_the_pairs_it_is_a_side_of_out_of_the_export()
    {
        await Reviews.RecordAsync(new ReviewDecision(ReviewTarget.Response, _bad1, ReviewState.Rejected));

        Assert.Equal([(_good1, _bad2), (_good2, _bad2)], await ExportedAsync(Dpo));

        await Reviews.RecordAsync(new ReviewDecision(ReviewTarget.Response, _good2, ReviewState.Rejected));

        Assert.Equal([(_good1, _bad2)], await ExportedAsync(Dpo));
        Assert.Equal(new PairCounts(4, 1), await new DashboardQuery(_harness.Database.Contexts, _harness.Get<RunLiveness>()).PairsAsync(_runId));
        Assert.Equal(4, (await ExportedAsync(Dpo with { IncludeRejected = true })).Count);
    }

    [Fact]
    public async Task An_approved_pair_is_exported_and_counts_as_approved_but_a_rejected_side_still_takes_it_out()
    {
        var pair = await PairAsync(_good1, _bad1);
        await Reviews.RecordAsync(new ReviewDecision(ReviewTarget.Pair, pair, ReviewState.Approved));
        // Approving the response on the rejected side judges that response, not the pair: its pairs stay.
        await Reviews.RecordAsync(new ReviewDecision(ReviewTarget.Response, _bad2, ReviewState.Approved));

        Assert.Equal(4, (await ExportedAsync(Dpo)).Count);
        Assert.Equal([(_good1, _bad1)], await ExportedAsync(Dpo with { ApprovedOnly = true }));

        await Reviews.RecordAsync(new ReviewDecision(ReviewTarget.Response, _good1, ReviewState.Rejected));

        Assert.Equal([(_good2, _bad1), (_good2, _bad2)], await ExportedAsync(Dpo));
        Assert.Empty(await ExportedAsync(Dpo with { ApprovedOnly = true }));
    }
}
