using AutoIF.Core.Reviews;

namespace AutoIF.Tests.Reviews;

/// <summary>Kappa on crafted data whose values were worked out by hand (the sums are in each test).</summary>
public class KappaTests
{
    private static IEnumerable<(bool, bool)> Repeat(bool first, bool second, int times) => Enumerable.Repeat((first, second), times);

    [Fact]
    public void Cohen_on_ten_items_with_seven_agreements_is_0_4()
    {
        // Both approve 4, both reject 3, first approves/second rejects 2, first rejects/second approves 1.
        // p_o = 7/10; first approves 6/10, second 5/10; p_e = .6 × .5 + .4 × .5 = .5; κ = (.7 − .5) / (1 − .5) = .4.
        var items = Repeat(true, true, 4).Concat(Repeat(false, false, 3)).Concat(Repeat(true, false, 2)).Concat(Repeat(false, true, 1)).ToList();

        Assert.Equal(0.4, Kappa.Cohen(items)!.Value, 10);
    }

    [Fact]
    public void Cohen_is_1_for_full_agreement_and_negative_for_systematic_disagreement()
    {
        Assert.Equal(1.0, Kappa.Cohen([.. Repeat(true, true, 3), .. Repeat(false, false, 2)])!.Value, 10);
        // Always opposite, each approving half: p_o = 0, p_e = .5, κ = −1.
        Assert.Equal(-1.0, Kappa.Cohen([.. Repeat(true, false, 2), .. Repeat(false, true, 2)])!.Value, 10);
    }

    [Fact]
    public void Cohen_is_undefined_with_no_items_or_when_every_decision_is_the_same()
    {
        Assert.Null(Kappa.Cohen([]));
        Assert.Null(Kappa.Cohen([.. Repeat(true, true, 5)]));
    }

    [Fact]
    public void Fleiss_on_four_items_of_three_reviewers_is_one_third()
    {
        // Items (approvals, rejections): (3,0) (0,3) (2,1) (1,2). P_i = 1, 1, (2·1 + 0)/(3·2) = 1/3, 1/3; P̄ = 2/3.
        // Approvals 6 of 12 decisions: P_e = .5² + .5² = .5; κ = (2/3 − 1/2) / (1 − 1/2) = 1/3.
        Assert.Equal(1.0 / 3, Kappa.Fleiss([(3, 0), (0, 3), (2, 1), (1, 2)])!.Value, 10);
    }

    [Fact]
    public void Fleiss_takes_items_with_different_numbers_of_reviewers_and_skips_single_decisions()
    {
        // (2,0) P=1; (0,2) P=1; (1,1) P=0; (1,0) skipped. P̄ = 2/3; approvals 3 of 6: P_e = .5; κ = 1/3.
        Assert.Equal(1.0 / 3, Kappa.Fleiss([(2, 0), (0, 2), (1, 1), (1, 0)])!.Value, 10);
        Assert.Null(Kappa.Fleiss([(1, 0), (0, 1)]));
        Assert.Null(Kappa.Fleiss([(3, 0), (2, 0)]));
    }

    [Fact]
    public void Agreement_uses_Cohen_for_two_reviewers_and_Fleiss_for_more_counting_only_items_seen_twice()
    {
        // Two reviewers on items 1–3 (agree, agree, disagree) and item 4 seen by one: Cohen over 3 items, 6 decisions.
        // a approves 1,2,3; b approves 1,2 rejects 3... p_o = 2/3; a 3/3, b 2/3: p_e = 1·2/3 + 0·1/3 = 2/3 → κ = 0.
        var two = ReviewerAgreement.Of<int>([(1, "a", true), (1, "b", true), (2, "a", true), (2, "b", true), (3, "a", true), (3, "b", false), (4, "a", false)]);
        Assert.Equal(new ReviewerAgreement(KappaMethod.Cohen, 0.0, 3, 2, 6), two with { Value = Math.Round(two.Value!.Value, 10) });

        // The Fleiss example above as three reviewers a, b, c.
        var three = ReviewerAgreement.Of<int>([
            (1, "a", true), (1, "b", true), (1, "c", true),
            (2, "a", false), (2, "b", false), (2, "c", false),
            (3, "a", true), (3, "b", true), (3, "c", false),
            (4, "a", true), (4, "b", false), (4, "c", false)]);
        Assert.Equal(KappaMethod.Fleiss, three.Method);
        Assert.Equal(1.0 / 3, three.Value!.Value, 10);
        Assert.Equal((4, 3, 12), (three.Items, three.Reviewers, three.Decisions));

        Assert.Equal(ReviewerAgreement.None, ReviewerAgreement.Of<int>([(1, "a", true), (2, "b", false)]));
    }
}
