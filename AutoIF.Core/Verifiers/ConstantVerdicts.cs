using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Verifiers;

/// <summary>
/// The <c>constant</c> self-test, read from the verdicts after Verify: a verifier version that gave the same verdict to
/// every response of its run it ran on, and ran on at least <see cref="MinResponses"/> of them.
/// </summary>
public static class ConstantVerdicts
{
    public const int MinResponses = 20;

    /// <summary>The ids of the constant verifier versions, as a query to compose (the rule, written once).</summary>
    public static IQueryable<int> Ids(AutoIfDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Verdicts.GroupBy(v => v.VerifierId)
            .Where(g => g.Count() >= MinResponses && g.Min(v => (int)v.Kind) == g.Max(v => (int)v.Kind))
            .Select(g => g.Key);
    }

    /// <summary>Of <paramref name="verifierIds"/>, the constant ones, each with its one verdict and how many responses got it.</summary>
    public static async Task<Dictionary<int, (VerdictKind Kind, int Responses)>> FindAsync(AutoIfDbContext db, IQueryable<int> verifierIds, CancellationToken cancellationToken)
    {
        var constant = Ids(db);
        var rows = await db.Verdicts.AsNoTracking().Where(v => verifierIds.Contains(v.VerifierId) && constant.Contains(v.VerifierId))
            .GroupBy(v => v.VerifierId)
            .Select(g => new { g.Key, Count = g.Count(), Kind = g.Min(v => (int)v.Kind) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => ((VerdictKind)r.Kind, r.Count));
    }

    public static string Evidence(VerdictKind kind, int responses) =>
        $"returned {kind.ToString().ToLowerInvariant()} on all {responses} responses of the run";
}
