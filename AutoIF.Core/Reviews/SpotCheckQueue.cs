using AutoIF.Core.Reports;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reviews;

/// <summary>Builds spot-check queues (ids only) and loads one queued item at a time.</summary>
public sealed class SpotCheckQueue(IDbContextFactory<AutoIfDbContext> contextFactory, ReviewService reviews)
{
    public const int MaxSize = 1000;

    public async Task<IReadOnlyList<long>> BuildAsync(SpotCheckQueueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = Math.Clamp(request.Size, 1, MaxSize);
        if (request.Queue == SpotCheckQueueKind.SuspectVerifiersFirst && request.Target != ReviewTarget.Verifier)
        {
            throw new ArgumentException("The suspect-verifiers queue reviews verifiers: choose verifiers, or another queue.", nameof(request));
        }
        // A second look is at items already reviewed once, so "unreviewed only" cannot apply to it.
        var onlyUnreviewed = request.OnlyUnreviewed && request.Queue != SpotCheckQueueKind.SecondLook;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<long> ids;
        IQueryable<long>? first = null;
        if (request.Target == ReviewTarget.Verifier)
        {
            var verifiers = db.Verifiers.AsNoTracking();
            if (request.RunId is { } runId)
            {
                verifiers = verifiers.Where(v => v.RunId == runId);
            }
            if (onlyUnreviewed)
            {
                verifiers = verifiers.Where(v => v.ReviewState == ReviewState.None);
            }
            if (request.Status is { } status)
            {
                verifiers = verifiers.Where(v => v.Status == status);
            }
            if (!string.IsNullOrWhiteSpace(request.Search))
            {
                // The same full-text search as the Instructions grid, on the verifier's instruction.
                var instructions = InstructionGridQuery.Apply(db, new InstructionGridFilter { RunId = request.RunId, Search = request.Search }).Select(i => i.Id);
                verifiers = verifiers.Where(v => instructions.Contains(v.InstructionId));
            }
            ids = verifiers.OrderBy(v => v.Id).Select(v => (long)v.Id);
            if (request.Queue == SpotCheckQueueKind.SuspectVerifiersFirst)
            {
                // The self-test's stored verdict, and constant read from verdicts (the rule written once, ConstantVerdicts).
                var constant = Verifiers.ConstantVerdicts.Ids(db);
                var suspect = verifiers.Where(v => v.SelfTest == VerifierSelfTest.Vacuous || constant.Contains(v.Id));
                first = suspect.OrderBy(v => v.Id).Select(v => (long)v.Id);
                ids = verifiers.Where(v => !suspect.Select(s => s.Id).Contains(v.Id)).OrderBy(v => v.Id).Select(v => (long)v.Id);
            }
        }
        else
        {
            var filter = new InstructionGridFilter
            {
                RunId = request.RunId,
                Status = request.Status,
                Search = request.Search,
                ReviewState = onlyUnreviewed ? ReviewState.None : null,
            };
            ids = InstructionGridQuery.Apply(db, filter).OrderBy(i => i.Id).Select(i => (long)i.Id);
        }
        if (request.Queue == SpotCheckQueueKind.SecondLook)
        {
            var target = request.Target;
            var asking = string.IsNullOrWhiteSpace(request.Reviewer) ? null : request.Reviewer.Trim();
            var reviews = db.Reviews.Where(r => r.Target == target);
            ids = ids.Where(id => reviews.Where(r => r.TargetId == id).Select(r => r.Reviewer).Distinct().Count() == 1
                && !reviews.Any(r => r.TargetId == id && r.Reviewer == asking));
        }
        var leading = first is null ? [] : await first.Take(size).ToListAsync(cancellationToken);
        var room = size - leading.Count;
        if (room == 0)
        {
            return leading;
        }
        if (request.Seed is not { } seed)
        {
            return [.. leading, .. await ids.Take(room).ToListAsync(cancellationToken)];
        }
        // A seeded partial shuffle of the matching ids: the same seed gives the same queue.
        var all = await ids.ToListAsync(cancellationToken);
        var random = new Random(seed);
        var take = Math.Min(room, all.Count);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, all.Count);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return [.. leading, .. all.GetRange(0, take)];
    }

    public async Task<SpotCheckItem?> ItemAsync(ReviewTarget target, long id, CancellationToken cancellationToken = default)
    {
        SpotCheckItem? item;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            item = target switch
            {
                ReviewTarget.Verifier => await db.Verifiers.AsNoTracking().Where(v => v.Id == id)
                    .Select(v => new SpotCheckItem(ReviewTarget.Verifier, v.Id, v.RunId, v.Instruction!.Run!.Name, v.InstructionId, v.Instruction.Text, v.Source,
                        v.CompileStatus, v.Status, v.DropStage, v.DropReason, v.CaseAccuracy, v.ReviewState, v.IsDemo, Array.Empty<ReviewRow>(), (VerifierKind?)v.Kind))
                    .SingleOrDefaultAsync(cancellationToken),
                ReviewTarget.Instruction => await db.Instructions.AsNoTracking().Where(i => i.Id == id)
                    .Select(i => new SpotCheckItem(ReviewTarget.Instruction, i.Id, i.RunId, i.Run!.Name, i.Id, i.Text, null,
                        null, i.Status, i.DropStage, i.DropReason, i.PassRate, i.ReviewState, i.IsDemo, Array.Empty<ReviewRow>(), (VerifierKind?)null))
                    .SingleOrDefaultAsync(cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Spot-check reviews instructions and verifiers."),
            };
        }
        return item is null ? null : item with { History = await reviews.HistoryAsync(target, id, cancellationToken) };
    }
}
