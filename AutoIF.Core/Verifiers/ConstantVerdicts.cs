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

    /// <summary>Of <paramref name="verifierIds"/>, the constant ones, each with its one verdict and how many responses got it.</summary>
    public static async Task<Dictionary<int, (VerdictKind Kind, int Responses)>> FindAsync(AutoIfDbContext db, IQueryable<int> verifierIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Verdicts.AsNoTracking().Where(v => verifierIds.Contains(v.VerifierId))
            .GroupBy(v => v.VerifierId)
            .Select(g => new { g.Key, Count = g.Count(), Min = g.Min(v => (int)v.Kind), Max = g.Max(v => (int)v.Kind) })
            .Where(g => g.Count >= MinResponses && g.Min == g.Max)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => ((VerdictKind)r.Min, r.Count));
    }

    public static string Evidence(VerdictKind kind, int responses) =>
        $"returned {kind.ToString().ToLowerInvariant()} on all {responses} responses of the run";
}
