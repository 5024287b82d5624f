using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>
/// Calibration of each verifier kind against the humans (issue #15): the verdicts of the verifiers' current versions on
/// the run's reviewed responses, grouped by kind in SQL, against each response's combined review state (Reviews:Combine).
/// A rejected response with several constraints is left out: the reviewer said it fails, not which constraint, so a
/// verifier of a constraint it follows could not be said to disagree. Every kind the run has appears, with zero counts
/// when none of its verdicts met a review, so a new kind shows up without a change here.
/// </summary>
public sealed class CalibrationQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<IReadOnlyList<VerifierCalibration>> ByKindAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var current = db.Verifiers.Where(v => v.RunId == runId && !db.Verifiers.Any(n => n.PreviousVersionId == v.Id));
        var reviewed = db.Responses.Where(r => r.RunId == runId && r.ReviewState != ReviewState.None
            && !(r.ReviewState == ReviewState.Rejected && db.PromptConstraints.Any(c => c.PromptId == r.PromptId)));
        var verdicts =
            from d in db.Verdicts
            join v in current on d.VerifierId equals v.Id
            join r in reviewed on d.ResponseId equals r.Id
            select new { VerifierKind = v.Kind, Verdict = d.Kind, r.ReviewState, d.ResponseId };
        var groups = await verdicts.GroupBy(x => new { x.VerifierKind, x.Verdict, x.ReviewState })
            .Select(g => new { g.Key.VerifierKind, g.Key.Verdict, g.Key.ReviewState, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var responses = await verdicts.Select(x => new { x.VerifierKind, x.ResponseId }).Distinct().GroupBy(x => x.VerifierKind)
            .Select(g => new { Kind = g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Kind, x => x.Count, cancellationToken);
        var kinds = await current.Select(v => v.Kind).Distinct().ToListAsync(cancellationToken);
        return [.. kinds.Order().Select(kind =>
        {
            var rows = groups.Where(g => g.VerifierKind == kind).ToList();
            long Sum(Func<VerdictKind, ReviewState, bool> which) => rows.Where(r => which(r.Verdict, r.ReviewState)).Sum(r => r.Count);
            return new VerifierCalibration(kind, responses.GetValueOrDefault(kind),
                Sum((v, h) => (v == VerdictKind.True && h == ReviewState.Approved) || (v == VerdictKind.False && h == ReviewState.Rejected)),
                Sum((v, h) => (v == VerdictKind.True && h == ReviewState.Rejected) || (v == VerdictKind.False && h == ReviewState.Approved)),
                Sum((v, _) => v is not (VerdictKind.True or VerdictKind.False)));
        })];
    }
}
