using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Verifiers;

/// <summary>
/// Editing a verifier makes its next version (decision 026): a new row with <see cref="Verifier.Version"/> + 1 and
/// <see cref="Verifier.PreviousVersionId"/> set, to be compiled and cross-validated by a re-verification; the version it
/// follows stops taking part (dropped as superseded) and keeps its verdicts. Also reads a verifier's versions back.
/// </summary>
public sealed class VerifierVersions(IDbContextFactory<AutoIfDbContext> contextFactory, RunLock runLock, TimeProvider clock)
{
    /// <summary>How long an edit waits for a run another process works on (a run, a verify, a re-verification) before it is refused.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    /// <summary>Saves <paramref name="source"/> as the next version of the verifier <paramref name="verifierId"/> names (any of its versions).</summary>
    public async Task<VerifierVersionInfo> EditAsync(int verifierId, string source, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ArgumentException($"Verifier #{verifierId}: the new source is empty; a verifier is Python defining evaluate(response).");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var named = await FindAsync(db, verifierId, cancellationToken);
        // An edit during a re-verification or a run would change the verifiers under it: refused, never interleaved.
        await using var held = await runLock.TryAcquireAsync(named.RunId, LockWait, cancellationToken)
            ?? throw new InvalidOperationException($"Run '{named.RunName}' is being worked on by another process (a run, a verify or a re-verification); edit verifier #{verifierId} when it has finished.");
        var lineage = VerifierLineage.Of(await db.Verifiers.Where(v => v.InstructionId == named.InstructionId).ToListAsync(cancellationToken), verifierId);
        var current = lineage.Current;
        if (current.Source == source)
        {
            throw new ArgumentException($"Verifier #{verifierId}: the source is the same as its current version {current.Version} (#{current.Id}); nothing saved.");
        }
        var next = new Verifier
        {
            RunId = current.RunId,
            InstructionId = current.InstructionId,
            Kind = current.Kind,
            Source = source,
            SourceHash = TextHash.Exact(source),
            Version = current.Version + 1,
            PreviousVersionId = current.Id,
            SampleIndex = current.SampleIndex,
            IsDemo = current.IsDemo,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedAt = clock.GetUtcNow(),
            CompileStatus = CompileStatus.Unchecked,
            Status = ItemStatus.Pending,
        };
        // Not Drop(): superseding is no stage's filter, so the version shows no drop stage (nor among Failing verifiers).
        current.Status = ItemStatus.Dropped;
        current.DropStage = null;
        current.SetDropReason(DropReasons.Superseded.With(next.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // An approval was of that code; a rejection still drops it, and the review history keeps both.
        if (current.ReviewState == ReviewState.Approved)
        {
            current.ReviewState = ReviewState.None;
        }
        db.Verifiers.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return (await HistoryAsync(next.Id, cancellationToken))[^1];
    }

    /// <summary>Every version of the verifier <paramref name="verifierId"/> names, first to last.</summary>
    public async Task<IReadOnlyList<VerifierVersionInfo>> HistoryAsync(int verifierId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var named = await FindAsync(db, verifierId, cancellationToken);
        var lineage = VerifierLineage.Of(await db.Verifiers.AsNoTracking().Where(v => v.InstructionId == named.InstructionId).ToListAsync(cancellationToken), verifierId);
        var ids = lineage.Versions.Select(v => v.Id).ToList();
        var constant = await ConstantVerdicts.FindAsync(db, db.Verifiers.Where(v => ids.Contains(v.Id)).Select(v => v.Id), cancellationToken);
        return lineage.Versions.Select(v =>
        {
            var (selfTest, evidence) = SelfTestOf(v, constant);
            return new VerifierVersionInfo(v.Id, v.RunId, named.RunName, v.InstructionId, v.Version, v == lineage.Current, v.Note, v.CreatedAt,
                selfTest, evidence, v.Status, v.DropReason, v.Source);
        }).ToList();
    }

    /// <summary>Version <paramref name="version"/> of the verifier <paramref name="verifierId"/> names; without one, the version it names.</summary>
    public async Task<VerifierVersionInfo> ShowAsync(int verifierId, int? version, CancellationToken cancellationToken = default)
    {
        var history = await HistoryAsync(verifierId, cancellationToken);
        if (version is null)
        {
            return history.Single(v => v.Id == verifierId);
        }
        return history.SingleOrDefault(v => v.Version == version)
            ?? throw new ArgumentException($"Verifier #{verifierId} has no version {version}; it has versions 1 to {history[^1].Version}.");
    }

    /// <summary>
    /// The self-test result a version shows: vacuous (stored by cross-validation) before constant (read from its verdicts)
    /// before ok; unchecked until cross-validation tested it.
    /// </summary>
    public static (string Result, string? Evidence) SelfTestOf(Verifier verifier, IReadOnlyDictionary<int, (VerdictKind Kind, int Responses)> constant)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(constant);
        if (verifier.SelfTest == VerifierSelfTest.Vacuous)
        {
            return ("vacuous", verifier.SelfTestEvidence);
        }
        if (constant.TryGetValue(verifier.Id, out var same))
        {
            return ("constant", ConstantVerdicts.Evidence(same.Kind, same.Responses));
        }
        return verifier.SelfTest == VerifierSelfTest.Ok ? ("ok", verifier.SelfTestEvidence) : ("unchecked", null);
    }

    private static async Task<(int RunId, string RunName, int InstructionId)> FindAsync(AutoIfDbContext db, int verifierId, CancellationToken cancellationToken)
    {
        var found = await db.Verifiers.AsNoTracking().Where(v => v.Id == verifierId)
            .Select(v => new { v.RunId, RunName = v.Instruction!.Run!.Name, v.InstructionId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"There is no verifier #{verifierId}.");
        return (found.RunId, found.RunName, found.InstructionId);
    }
}
