using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Domain.State;

public class PairEffectiveStatusTests
{
    private const ReviewState None = ReviewState.None;
    private const ReviewState Approved = ReviewState.Approved;
    private const ReviewState Rejected = ReviewState.Rejected;

    public static TheoryData<ItemStatus, ReviewState, ReviewState, ReviewState, ItemStatus> Table => new()
    {
        // pair status, pair review, chosen side's review, rejected side's review → effective
        { ItemStatus.Kept, None, None, None, ItemStatus.Kept },
        { ItemStatus.Kept, Rejected, None, None, ItemStatus.Dropped },
        { ItemStatus.Kept, None, Rejected, None, ItemStatus.Dropped },
        { ItemStatus.Kept, None, None, Rejected, ItemStatus.Dropped },
        // A side's approval judges the response, not the contrast: it changes nothing, and revives nothing.
        { ItemStatus.Kept, None, Approved, Approved, ItemStatus.Kept },
        { ItemStatus.Dropped, None, Approved, None, ItemStatus.Dropped },
        // The pair's approval beats a filter drop, as for every item, but not a rejected side: a rejection beats everything.
        { ItemStatus.Dropped, Approved, None, None, ItemStatus.Kept },
        { ItemStatus.Kept, Approved, Rejected, None, ItemStatus.Dropped },
        { ItemStatus.Pending, None, None, None, ItemStatus.Pending },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void A_pair_counts_when_its_own_effective_status_is_kept_and_no_side_was_rejected(
        ItemStatus status, ReviewState review, ReviewState chosen, ReviewState rejected, ItemStatus effective) =>
        Assert.Equal(effective, PairEffectiveStatus.Of(status, review, chosen, rejected));

    [Fact]
    public async Task The_database_and_the_compiled_rule_agree_on_every_combination_of_pair_and_side_states()
    {
        await using var database = await TestDatabase.CreateAsync();
        var run = await database.Get<RunService>().CreateAsync("pair states", new RunSettings());
        await using var db = database.CreateContext();
        var instruction = new Instruction { RunId = run.Id, Text = "Mention x.", TextHash = TextHash.Normalized("Mention x."), Status = ItemStatus.Kept };
        db.Instructions.Add(instruction);
        await db.SaveChangesAsync();
        var prompt = new ComposedPrompt { RunId = run.Id, InstructionId = instruction.Id, Text = "Answer. Mention x." };
        db.ComposedPrompts.Add(prompt);
        await db.SaveChangesAsync();
        var reviews = Enum.GetValues<ReviewState>();
        var responses = reviews.Select((review, i) => new Response
        {
            RunId = run.Id, PromptId = prompt.Id, InstructionId = instruction.Id, Text = $"response {i}", TextHash = $"h{i}", SampleIndex = i,
            Accuracy = 1, Status = ItemStatus.Kept, ReviewState = review,
        }).ToList();
        db.Responses.AddRange(responses);
        var cases = new[] { new TestCase { RunId = run.Id, InstructionId = instruction.Id, Input = "x", Expected = true }, new TestCase { RunId = run.Id, InstructionId = instruction.Id, Input = "y", Expected = false } };
        db.TestCases.AddRange(cases);
        await db.SaveChangesAsync();

        // Query-level pairs over every pair state × side review × side review; instruction-level pairs (test-case sides,
        // never reviewed) and a pair whose responses are gone, over every pair state.
        var expected = new List<(ItemStatus Effective, ItemStatus IncludingRejected)>();
        var sides = from chosen in responses from rejected in responses select ((long?)chosen.Id, (long?)rejected.Id, chosen.ReviewState, rejected.ReviewState);
        var noSides = new[] { ((long?)null, (long?)null, None, None) };
        var gone = new[] { ((long?)999_001, (long?)999_002, None, None) };
        foreach (var status in Enum.GetValues<ItemStatus>())
        {
            foreach (var review in reviews)
            {
                foreach (var (chosenId, rejectedId, chosenReview, rejectedReview) in sides.Concat(noSides).Concat(gone))
                {
                    var level = chosenId is null ? PairLevel.Instruction : PairLevel.Query;
                    db.DpoPairs.Add(new DpoPair
                    {
                        RunId = run.Id, InstructionId = instruction.Id, Level = level, PromptId = level == PairLevel.Query ? prompt.Id : null,
                        ChosenResponseId = chosenId, RejectedResponseId = rejectedId,
                        ChosenCaseId = level == PairLevel.Instruction ? cases[0].Id : null, RejectedCaseId = level == PairLevel.Instruction ? cases[1].Id : null,
                        Status = status, ReviewState = review,
                    });
                    expected.Add((
                        PairEffectiveStatus.Of(status, review, chosenReview, rejectedReview),
                        PairEffectiveStatus.Of(status, Unrejected(review), Unrejected(chosenReview), Unrejected(rejectedReview))));
                }
            }
        }
        await db.SaveChangesAsync();

        var pairs = db.WithSides(db.DpoPairs.Where(p => p.RunId == run.Id)).OrderBy(p => p.Pair.Id);
        var bySql = await pairs.Select(PairQueries.Effective).ToListAsync();
        var includingRejected = await pairs.Select(PairEffectiveStatus.Of((PairWithSides p) => p.Pair, p => p.Chosen, p => p.Rejected, ignoreRejection: true)).ToListAsync();
        var keptIds = await pairs.Where(PairQueries.Kept).Select(p => p.Pair.Id).ToListAsync();
        var allIds = await pairs.Select(p => p.Pair.Id).ToListAsync();
        var takingASide = await db.Responses.Where(r => r.PromptId == prompt.Id).Where(PairEffectiveStatus.TakesASide<Response>()).OrderBy(r => r.Id).Select(r => r.ReviewState).ToListAsync();

        Assert.Equal(3 * 3 * (3 * 3 + 2), bySql.Count);
        Assert.Equal(expected.Select(e => e.Effective), bySql);
        Assert.Equal(expected.Select(e => e.IncludingRejected), includingRejected);
        Assert.Equal(allIds.Where((_, i) => expected[i].Effective == ItemStatus.Kept), keptIds);
        Assert.Equal([None, Approved], takingASide);
    }

    private static ReviewState Unrejected(ReviewState review) => review == Rejected ? None : review;
}
