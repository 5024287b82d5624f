using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Core.Reviews;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Reviews;

public class ReviewServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SeededReviewData _data = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _data = await ReviewDataSeeder.SeedAsync(_db.Contexts, fillerInstructions: 40);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ReviewService Service(string name = "reviewer") =>
        new(_db.Contexts, Options.Create(new ReviewOptions { ReviewerName = name }), TimeProvider.System);

    [Fact]
    public async Task A_decision_is_stored_with_the_automatic_status_and_mirrored_on_the_target()
    {
        var row = await Service("alice").RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.DisagreeingVerifierId, ReviewState.Approved, "  looks right  "));

        Assert.Equal(ItemStatus.Dropped, row.AutomaticStatus);
        Assert.Equal("alice", row.Reviewer);
        Assert.Equal("looks right", row.Note);
        await using var db = _db.CreateContext();
        Assert.Equal(ReviewState.Approved, await db.Verifiers.Where(v => v.Id == _data.DisagreeingVerifierId).Select(v => v.ReviewState).SingleAsync());
        Assert.Equal(_data.RunId, (await db.Reviews.SingleAsync()).RunId);
    }

    [Fact]
    public async Task The_latest_decision_wins_and_the_history_keeps_every_decision()
    {
        var service = Service();
        await service.RecordAsync(new ReviewDecision(ReviewTarget.Instruction, _data.KeptInstructionId, ReviewState.Rejected));
        await service.RecordAsync(new ReviewDecision(ReviewTarget.Instruction, _data.KeptInstructionId, ReviewState.Approved));

        var history = await service.HistoryAsync(ReviewTarget.Instruction, _data.KeptInstructionId);

        Assert.Equal([ReviewState.Approved, ReviewState.Rejected], history.Select(h => h.Decision));
        await using var db = _db.CreateContext();
        Assert.Equal(ReviewState.Approved, await db.Instructions.Where(i => i.Id == _data.KeptInstructionId).Select(i => i.ReviewState).SingleAsync());
        var agreement = (await service.AgreementAsync(_data.RunId))[0];
        Assert.Equal(1, agreement.Reviewed);
        Assert.Equal(1, agreement.Agreed);
    }

    [Fact]
    public async Task Agreement_counts_how_often_humans_overturn_the_filter_per_run_and_kind()
    {
        var service = Service();
        await service.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Rejected));
        await service.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.BrokenVerifierId, ReviewState.Rejected));
        await service.RecordAsync(new ReviewDecision(ReviewTarget.Instruction, _data.CrossValidateDroppedInstructionId, ReviewState.Approved));

        var agreement = await service.AgreementAsync(_data.RunId);

        var all = agreement.Single(a => a.Target is null);
        Assert.Equal((3, 1, 2), (all.Reviewed, all.Agreed, all.Overturned));
        Assert.Equal(1.0 / 3, all.AgreementRate!.Value, 6);
        var verifiers = agreement.Single(a => a.Target == ReviewTarget.Verifier);
        Assert.Equal((2, 1, 1), (verifiers.Reviewed, verifiers.Agreed, verifiers.Overturned));
        var overrides = await new DashboardQuery(_db.Contexts, _db.Get<AutoIF.Core.Pipeline.RunLiveness>()).OverridesAsync(_data.RunId);
        Assert.Equal(1, overrides.VerifiersKeptAutomatically);
        Assert.Equal(0, overrides.VerifiersKeptAfterReview);
        Assert.Equal(overrides.InstructionsKeptAutomatically + 1, overrides.InstructionsKeptAfterReview);
    }

    [Fact]
    public async Task A_decision_must_approve_or_reject_an_existing_item()
    {
        var service = Service();

        await Assert.ThrowsAsync<ArgumentException>(() => service.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.None)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => service.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, 999_999, ReviewState.Approved)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => service.RecordAsync(new ReviewDecision(ReviewTarget.Pair, 999_999, ReviewState.Rejected)));
        await Assert.ThrowsAsync<ArgumentException>(() => service.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Approved, new string('x', 5000))));
    }

    [Fact]
    public async Task A_blank_reviewer_name_falls_back_to_the_default()
    {
        var row = await Service("  ").RecordAsync(new ReviewDecision(ReviewTarget.Response, _data.FirstResponseId, ReviewState.Rejected));

        Assert.Equal("reviewer", row.Reviewer);
        Assert.Equal(ItemStatus.Kept, row.AutomaticStatus);
    }

    [Fact]
    public async Task A_seeded_queue_is_a_reproducible_random_sample_and_skips_reviewed_items()
    {
        var queue = new SpotCheckQueue(_db.Contexts, Service());
        var request = new SpotCheckQueueRequest(ReviewTarget.Instruction, _data.RunId, Seed: 7, Size: 10);

        var first = await queue.BuildAsync(request);
        var again = await queue.BuildAsync(request);
        var other = await queue.BuildAsync(request with { Seed = 8 });
        var ordered = await queue.BuildAsync(request with { Seed = null, Size = 3 });

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(10, first.Distinct().Count());
        Assert.Equal(ordered.Order(), ordered);
        await Service().RecordAsync(new ReviewDecision(ReviewTarget.Instruction, ordered[0], ReviewState.Approved));
        Assert.DoesNotContain(ordered[0], await queue.BuildAsync(request with { Seed = null, Size = 100 }));
        Assert.Contains(ordered[0], await queue.BuildAsync(request with { Seed = null, Size = 100, OnlyUnreviewed = false }));
    }

    [Fact]
    public async Task A_verifier_item_carries_its_source_instruction_and_history()
    {
        var service = Service();
        await service.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Approved, "fine"));

        var item = await new SpotCheckQueue(_db.Contexts, service).ItemAsync(ReviewTarget.Verifier, _data.GoodVerifierId);

        Assert.NotNull(item);
        Assert.Equal(ReviewDataSeeder.GoodSource, item.Source);
        Assert.Equal(ReviewDataSeeder.KeptText, item.InstructionText);
        Assert.Equal("fine", Assert.Single(item.History).Note);
        Assert.Equal(ReviewState.Approved, item.ReviewState);
    }

    [Fact]
    public async Task Kappa_between_reviewers_counts_each_reviewers_latest_decision_on_items_two_of_them_decided()
    {
        // alice and bob on three items: agree on the first two, disagree on the third (bob changed his mind there last);
        // carol alone on a fourth item, which has no second look and so does not count.
        var (alice, bob, carol) = (Service("alice"), Service("bob"), Service("carol"));
        await alice.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Approved));
        await bob.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Approved));
        await alice.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.BrokenVerifierId, ReviewState.Rejected));
        await bob.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.BrokenVerifierId, ReviewState.Rejected));
        await alice.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.DisagreeingVerifierId, ReviewState.Approved));
        await bob.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.DisagreeingVerifierId, ReviewState.Approved));
        await bob.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.DisagreeingVerifierId, ReviewState.Rejected));
        await carol.RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.ErroringVerifierId, ReviewState.Rejected));

        var agreement = await alice.BetweenReviewersAsync(_data.RunId);

        // p_o = 2/3; alice approves 2/3, bob 1/3: p_e = 2/9 + 2/9 = 4/9; κ = (6/9 − 4/9) / (5/9) = 0.4.
        Assert.Equal(KappaMethod.Cohen, agreement.Method);
        Assert.Equal(0.4, agreement.Value!.Value, 10);
        Assert.Equal((3, 2, 6), (agreement.Items, agreement.Reviewers, agreement.Decisions));
    }

    [Fact]
    public async Task Each_decision_is_on_the_runs_audit_list_under_its_reviewer()
    {
        await Service("alice").RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Rejected, "accepts everything"));

        var audit = await new AutoIF.Core.Audit.AuditLog(_db.Contexts, TimeProvider.System).PageAsync(_data.RunId);

        var entry = Assert.Single(audit.Rows);
        Assert.Equal(("alice", "review"), (entry.Actor, entry.Action));
        Assert.Equal($"rejected verifier #{_data.GoodVerifierId}: accepts everything", entry.Detail);
    }
    [Fact]
    public async Task The_second_look_queue_holds_items_one_other_reviewer_decided()
    {
        var queue = new SpotCheckQueue(_db.Contexts, Service());
        await Service("alice").RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.GoodVerifierId, ReviewState.Approved));
        await Service("alice").RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.BrokenVerifierId, ReviewState.Rejected));
        await Service("bob").RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.BrokenVerifierId, ReviewState.Rejected));
        await Service("bob").RecordAsync(new ReviewDecision(ReviewTarget.Verifier, _data.DisagreeingVerifierId, ReviewState.Approved));
        var request = new SpotCheckQueueRequest(ReviewTarget.Verifier, _data.RunId, Seed: null, Size: 100, Queue: SpotCheckQueueKind.SecondLook);

        // For carol: both items seen by one reviewer (not the one seen by two, nor the unreviewed ones); for bob: only alice's.
        Assert.Equal([(long)_data.GoodVerifierId, _data.DisagreeingVerifierId], (await queue.BuildAsync(request with { Reviewer = "carol" })).Order());
        Assert.Equal([(long)_data.GoodVerifierId], await queue.BuildAsync(request with { Reviewer = "bob" }));
    }

    [Fact]
    public async Task The_suspect_verifier_queue_puts_vacuous_verifiers_first_and_refuses_instructions()
    {
        await using (var db = _db.CreateContext())
        {
            await db.Verifiers.Where(v => v.Id == _data.ErroringVerifierId).ExecuteUpdateAsync(s => s.SetProperty(v => v.SelfTest, VerifierSelfTest.Vacuous));
        }
        var queue = new SpotCheckQueue(_db.Contexts, Service());
        var request = new SpotCheckQueueRequest(ReviewTarget.Verifier, _data.RunId, Seed: 3, Size: 100, Queue: SpotCheckQueueKind.SuspectVerifiersFirst);

        var ids = await queue.BuildAsync(request);

        Assert.Equal((long)_data.ErroringVerifierId, ids[0]);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains((long)_data.GoodVerifierId, ids);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => queue.BuildAsync(request with { Target = ReviewTarget.Instruction }));
        Assert.Contains("verifiers", refused.Message, StringComparison.Ordinal);
    }
}
