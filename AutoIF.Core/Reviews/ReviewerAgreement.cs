namespace AutoIF.Core.Reviews;

/// <summary>
/// Agreement between human reviewers on a run's items that two or more of them decided (each reviewer's latest
/// decision): <see cref="Items"/> such items, <see cref="Reviewers"/> who decided them, <see cref="Decisions"/> counted.
/// <see cref="Method"/> is null when no item has a second reviewer; <see cref="Value"/> null when kappa is undefined.
/// </summary>
public sealed record ReviewerAgreement(KappaMethod? Method, double? Value, int Items, int Reviewers, int Decisions)
{
    public static ReviewerAgreement None { get; } = new(null, null, 0, 0, 0);

    /// <summary>
    /// From each reviewer's latest decision on each item (item key, reviewer, approved): Cohen's kappa when the items
    /// with a second look were decided by exactly two reviewers, else Fleiss' kappa.
    /// </summary>
    public static ReviewerAgreement Of<TItem>(IEnumerable<(TItem Item, string Reviewer, bool Approved)> decisions)
        where TItem : notnull
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var shared = decisions.GroupBy(d => d.Item).Where(g => g.Select(d => d.Reviewer).Distinct().Count() >= 2).ToList();
        if (shared.Count == 0)
        {
            return None;
        }
        var reviewers = shared.SelectMany(g => g.Select(d => d.Reviewer)).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        var count = shared.Sum(g => g.Count());
        if (reviewers.Count == 2)
        {
            var pairs = shared.Select(g => (g.Single(d => d.Reviewer == reviewers[0]).Approved, g.Single(d => d.Reviewer == reviewers[1]).Approved)).ToList();
            return new ReviewerAgreement(KappaMethod.Cohen, Kappa.Cohen(pairs), shared.Count, 2, count);
        }
        var tallies = shared.Select(g => (g.Count(d => d.Approved), g.Count(d => !d.Approved))).ToList();
        return new ReviewerAgreement(KappaMethod.Fleiss, Kappa.Fleiss(tallies), shared.Count, reviewers.Count, count);
    }
}
