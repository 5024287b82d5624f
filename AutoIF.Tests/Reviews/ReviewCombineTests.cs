using AutoIF.Core.Domain;
using AutoIF.Core.Reviews;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Reviews;

/// <summary>Several reviewers on one item: every decision kept beside the others, one review state by Reviews:Combine.</summary>
public class ReviewCombineTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SeededReviewData _data = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _data = await ReviewDataSeeder.SeedAsync(_db.Contexts, fillerInstructions: 4);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    // ann approves, bob rejects, cid approves, then ann changes her mind to reject: her earlier approve no longer counts.
    [Theory]
    [InlineData(ReviewCombine.AnyRejectWins, new[] { "ann:A", "bob:R", "cid:A" }, ReviewState.Rejected)]
    [InlineData(ReviewCombine.Majority, new[] { "ann:A", "bob:R", "cid:A" }, ReviewState.Approved)]
    [InlineData(ReviewCombine.Majority, new[] { "ann:A", "bob:R" }, ReviewState.Rejected)]
    [InlineData(ReviewCombine.Majority, new[] { "ann:A", "bob:R", "cid:A", "ann:R" }, ReviewState.Rejected)]
    [InlineData(ReviewCombine.Latest, new[] { "ann:R", "bob:R", "cid:A" }, ReviewState.Approved)]
    [InlineData(ReviewCombine.AnyRejectWins, new[] { "ann:R", "ann:A", "bob:A" }, ReviewState.Approved)]
    public async Task The_items_review_state_follows_the_combine_rule_over_each_reviewers_latest_decision(ReviewCombine rule, string[] decisions, ReviewState expected)
    {
        var service = new ReviewService(_db.Contexts, Options.Create(new ReviewOptions { Combine = rule }), TimeProvider.System);
        foreach (var entry in decisions)
        {
            var (who, what) = (entry.Split(':')[0], entry.Split(':')[1]);
            await service.RecordAsync(new ReviewDecision(ReviewTarget.Instruction, _data.KeptInstructionId, what == "A" ? ReviewState.Approved : ReviewState.Rejected, Reviewer: who));
        }

        await using var db = _db.CreateContext();
        Assert.Equal(expected, await db.Instructions.Where(i => i.Id == _data.KeptInstructionId).Select(i => i.ReviewState).SingleAsync());
        var history = await service.HistoryAsync(ReviewTarget.Instruction, _data.KeptInstructionId);
        Assert.Equal(decisions.Reverse().Select(d => d.Split(':')[0]), history.Select(h => h.Reviewer));
    }
}
