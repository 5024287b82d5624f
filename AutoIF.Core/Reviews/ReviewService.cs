using AutoIF.Core.Reports;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Reviews;

/// <summary>
/// Records spot-check decisions. Each decision is a new <see cref="Review"/> row (history is kept) holding the target's
/// automatic status at that moment and who decided; every reviewer's latest decision, combined by Reviews:Combine, is
/// mirrored on the target's ReviewState, which stats, exports and later stages read as the override (decision 029).
/// </summary>
public sealed class ReviewService(IDbContextFactory<AutoIfDbContext> contextFactory, IOptions<ReviewOptions> options, TimeProvider clock)
{
    public const int MaxNoteLength = 4000;

    public string ReviewerName => options.Value.Name;

    /// <exception cref="ArgumentException">The decision is not approve or reject, or the note is too long.</exception>
    /// <exception cref="KeyNotFoundException">The target does not exist.</exception>
    public async Task<ReviewRow> RecordAsync(ReviewDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Decision is not (ReviewState.Approved or ReviewState.Rejected))
        {
            throw new ArgumentException("A review approves or rejects.", nameof(decision));
        }
        var note = string.IsNullOrWhiteSpace(decision.Note) ? null : decision.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            throw new ArgumentException($"A note has at most {MaxNoteLength} characters.", nameof(decision));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (runId, status) = await TargetAsync(db, decision.Target, decision.TargetId, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no {decision.Target.ToString().ToLowerInvariant()} {decision.TargetId}.");
        var review = new Review
        {
            RunId = runId,
            Target = decision.Target,
            TargetId = decision.TargetId,
            Decision = decision.Decision,
            Note = note,
            Reviewer = string.IsNullOrWhiteSpace(decision.Reviewer) ? ReviewerName : decision.Reviewer.Trim(),
            AutomaticStatus = status,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Reviews.Add(review);
        // On the run's audit list too, in the same transaction, so the list never misses a decision the item carries.
        Audit.AuditLog.Add(db, runId, review.Reviewer, Audit.AuditActions.Review,
            $"{review.Decision.ToString().ToLowerInvariant()} {review.Target.ToString().ToLowerInvariant()} #{review.TargetId}" + (note is null ? "" : $": {note}"), review.CreatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await MirrorAsync(db, decision.Target, decision.TargetId, await CombinedAsync(db, decision.Target, decision.TargetId, cancellationToken), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReviewRow(review.Id, review.Target, review.TargetId, review.Decision, review.AutomaticStatus, review.Note, review.Reviewer, review.CreatedAt);
    }

    /// <summary>All decisions on one target, newest first.</summary>
    public async Task<IReadOnlyList<ReviewRow>> HistoryAsync(ReviewTarget target, long targetId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Reviews.AsNoTracking().Where(r => r.Target == target && r.TargetId == targetId).OrderByDescending(r => r.Id)
            .Select(r => new ReviewRow(r.Id, r.Target, r.TargetId, r.Decision, r.AutomaticStatus, r.Note, r.Reviewer, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Agreement of the run's latest decisions with the automatic filter, overall (Target null) and per target kind that has a decision.</summary>
    public async Task<IReadOnlyList<ReviewAgreement>> AgreementAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = db.Reviews.AsNoTracking()
            .Where(r => r.RunId == runId && !db.Reviews.Any(o => o.Target == r.Target && o.TargetId == r.TargetId && o.Id > r.Id));
        var groups = await latest.GroupBy(r => new { r.Target, r.Decision, r.AutomaticStatus })
            .Select(g => new { g.Key.Target, g.Key.Decision, g.Key.AutomaticStatus, Count = g.Count() })
            .ToListAsync(cancellationToken);
        ReviewAgreement Fold(ReviewTarget? target)
        {
            var rows = groups.Where(g => target is null || g.Target == target).ToList();
            return new ReviewAgreement(
                runId,
                target,
                rows.Sum(r => r.Count),
                rows.Where(r => Agrees(r.Decision, r.AutomaticStatus)).Sum(r => r.Count),
                rows.Where(r => Overturns(r.Decision, r.AutomaticStatus)).Sum(r => r.Count),
                rows.Where(r => r.AutomaticStatus == ItemStatus.Pending).Sum(r => r.Count));
        }
        return [Fold(null), .. Enum.GetValues<ReviewTarget>().Where(t => groups.Any(g => g.Target == t)).Select(t => Fold(t))];
    }

    /// <summary>Agreement between the run's reviewers (kappa) on the items two or more of them decided, from each one's latest decision.</summary>
    public async Task<ReviewerAgreement> BetweenReviewersAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Each reviewer's latest decision per item, and only items a second reviewer has decided: both in SQL.
        var latest = db.Reviews.AsNoTracking()
            .Where(r => r.RunId == runId && !db.Reviews.Any(o => o.Target == r.Target && o.TargetId == r.TargetId && o.Reviewer == r.Reviewer && o.Id > r.Id));
        var decisions = await latest
            .Where(r => db.Reviews.Any(o => o.Target == r.Target && o.TargetId == r.TargetId && o.Reviewer != r.Reviewer))
            .Select(r => new { r.Target, r.TargetId, r.Reviewer, r.Decision })
            .ToListAsync(cancellationToken);
        return ReviewerAgreement.Of(decisions.Select(d => ((d.Target, d.TargetId), d.Reviewer, d.Decision == ReviewState.Approved)));
    }

    public static bool Agrees(ReviewState decision, ItemStatus automatic) =>
        (decision == ReviewState.Approved && automatic == ItemStatus.Kept) || (decision == ReviewState.Rejected && automatic == ItemStatus.Dropped);

    public static bool Overturns(ReviewState decision, ItemStatus automatic) =>
        (decision == ReviewState.Approved && automatic == ItemStatus.Dropped) || (decision == ReviewState.Rejected && automatic == ItemStatus.Kept);

    private static async Task<(int RunId, ItemStatus Status)?> TargetAsync(AutoIfDbContext db, ReviewTarget target, long id, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case ReviewTarget.Instruction:
                var instruction = await db.Instructions.Where(i => i.Id == id).Select(i => new { i.RunId, i.Status }).SingleOrDefaultAsync(cancellationToken);
                return instruction is null ? null : (instruction.RunId, instruction.Status);
            case ReviewTarget.Verifier:
                var verifier = await db.Verifiers.Where(v => v.Id == id).Select(v => new { v.RunId, v.Status }).SingleOrDefaultAsync(cancellationToken);
                return verifier is null ? null : (verifier.RunId, verifier.Status);
            case ReviewTarget.Response:
                var response = await db.Responses.Where(r => r.Id == id).Select(r => new { r.RunId, r.Status }).SingleOrDefaultAsync(cancellationToken);
                return response is null ? null : (response.RunId, response.Status);
            case ReviewTarget.Pair:
                var pair = await db.DpoPairs.Where(p => p.Id == id).Select(p => new { p.RunId, p.Status }).SingleOrDefaultAsync(cancellationToken);
                return pair is null ? null : (pair.RunId, pair.Status);
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, null);
        }
    }

    /// <summary>The item's review state by Reviews:Combine from every reviewer's latest decision (each decision stays in history).</summary>
    private async Task<ReviewState> CombinedAsync(AutoIfDbContext db, ReviewTarget target, long id, CancellationToken cancellationToken)
    {
        var decisions = await db.Reviews.AsNoTracking().Where(r => r.Target == target && r.TargetId == id).OrderBy(r => r.Id)
            .Select(r => new { r.Reviewer, r.Decision }).ToListAsync(cancellationToken);
        // Oldest first, each reviewer placed at their latest decision, so the last is the newest of all.
        var latest = decisions.Select((d, i) => (d.Reviewer, d.Decision, Order: i)).GroupBy(d => d.Reviewer)
            .Select(g => g.MaxBy(d => d.Order)).OrderBy(d => d.Order).Select(d => d.Decision).ToList();
        return ReviewCombiner.Combine(options.Value.Combine, latest);
    }

    private static Task<int> MirrorAsync(AutoIfDbContext db, ReviewTarget target, long id, ReviewState decision, CancellationToken cancellationToken) => target switch
    {
        ReviewTarget.Instruction => db.Instructions.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReviewState, decision), cancellationToken),
        ReviewTarget.Verifier => db.Verifiers.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ReviewState, decision), cancellationToken),
        ReviewTarget.Pair => db.DpoPairs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReviewState, decision), cancellationToken),
        _ => db.Responses.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReviewState, decision), cancellationToken),
    };
}
