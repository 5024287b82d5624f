using AutoIF.Core.Domain.State;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>Verifiers that failed to compile, disagreed with their cases, errored, timed out or crashed, or that the self-tests found vacuous or constant; grouped by kind, paged in SQL.</summary>
public sealed class FailingVerifierQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<FailingVerifierPage> ExecuteAsync(FailureKind kind, int? runId, int skip, int take, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, 200);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = new Dictionary<FailureKind, int>();
        foreach (var k in Enum.GetValues<FailureKind>())
        {
            counts[k] = await Matching(db, k, runId).CountAsync(cancellationToken);
        }
        var page = await Matching(db, kind, runId).OrderBy(v => v.Id).Skip(Math.Max(0, skip)).Take(take)
            .Select(v => new
            {
                v.Id,
                v.InstructionId,
                v.RunId,
                RunName = v.Instruction!.Run!.Name,
                Instruction = v.Instruction.Text,
                v.CompileError,
                v.DropReason,
                v.Status,
                v.ReviewState,
                v.IsDemo,
                v.SelfTestEvidence,
                v.Kind,
                v.Source,
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).ToList();
        var runtime = kind is FailureKind.Error or FailureKind.Timeout or FailureKind.Crashed or FailureKind.SkippedAfterTimeouts
            ? await RuntimeFailuresAsync(db, ids, Kinds(kind), cancellationToken)
            : [];
        var constant = kind == FailureKind.Constant
            ? await ConstantVerdicts.FindAsync(db, db.Verifiers.Where(v => ids.Contains(v.Id)).Select(v => v.Id), cancellationToken)
            : [];
        var rows = page.Select(p =>
        {
            runtime.TryGetValue(p.Id, out var failure);
            var reason = kind switch
            {
                FailureKind.CompileFailed => p.CompileError ?? p.DropReason,
                FailureKind.DisagreedWithCases => p.DropReason,
                FailureKind.Vacuous => p.SelfTestEvidence,
                FailureKind.Constant => constant.TryGetValue(p.Id, out var same) ? ConstantVerdicts.Evidence(same.Kind, same.Responses) : null,
                _ => failure.Detail,
            };
            return new FailingVerifierRow(p.Id, p.InstructionId, p.RunId, p.RunName, p.Instruction, kind, reason, failure.Count, p.Status, p.ReviewState, p.IsDemo)
            {
                Question = p.Kind == VerifierKind.LlmQuestion ? p.Source : null,
            };
        }).ToList();
        return new FailingVerifierPage(rows, counts[kind], counts);
    }

    private static IQueryable<Verifier> Matching(AutoIfDbContext db, FailureKind kind, int? runId)
    {
        var verifiers = db.Verifiers.AsNoTracking();
        if (runId is { } id)
        {
            verifiers = verifiers.Where(v => v.RunId == id);
        }
        var kinds = Kinds(kind);
        var (vacuous, superseded) = (DropReasons.Vacuous.Code, DropReasons.Superseded.Code);
        return kind switch
        {
            FailureKind.CompileFailed => verifiers.Where(v => v.CompileStatus != CompileStatus.Ok && v.CompileStatus != CompileStatus.Unchecked),
            FailureKind.DisagreedWithCases => verifiers.Where(v => v.DropStage == PipelineStage.CrossValidate && (v.DropReasonCode == null || v.DropReasonCode != vacuous)),
            // A replaced version is history, not a failing verifier.
            FailureKind.Vacuous => verifiers.Where(v => v.SelfTest == VerifierSelfTest.Vacuous && (v.DropReasonCode == null || v.DropReasonCode != superseded)),
            FailureKind.Constant => verifiers.Where(v => ConstantVerdicts.Ids(db).Contains(v.Id) && (v.DropReasonCode == null || v.DropReasonCode != superseded)),
            FailureKind.SkippedAfterTimeouts => verifiers.Where(v => db.Verdicts.Any(r => r.VerifierId == v.Id && r.Kind == VerdictKind.Timeout && r.Detail!.StartsWith(VerifierTimeoutProbe.SkippedPrefix))),
            _ => verifiers.Where(v => db.CaseResults.Any(r => r.VerifierId == v.Id && kinds.Contains(r.Verdict))
                || db.Verdicts.Any(r => r.VerifierId == v.Id && kinds.Contains(r.Kind))),
        };
    }

    private static VerdictKind[] Kinds(FailureKind kind) => kind switch
    {
        FailureKind.Error => [VerdictKind.Error, VerdictKind.NotBool],
        FailureKind.Timeout or FailureKind.SkippedAfterTimeouts => [VerdictKind.Timeout],
        FailureKind.Crashed => [VerdictKind.Crashed],
        _ => [],
    };

    // Only for the verifiers of one page, so the cost does not grow with the run.
    private static async Task<Dictionary<int, (int Count, string? Detail)>> RuntimeFailuresAsync(
        AutoIfDbContext db, List<int> verifierIds, VerdictKind[] kinds, CancellationToken cancellationToken)
    {
        var fromCases = await db.CaseResults.AsNoTracking().Where(r => verifierIds.Contains(r.VerifierId) && kinds.Contains(r.Verdict))
            .GroupBy(r => r.VerifierId).Select(g => new { Id = g.Key, Count = g.Count(), Detail = g.Max(r => r.Detail) }).ToListAsync(cancellationToken);
        var fromResponses = await db.Verdicts.AsNoTracking().Where(r => verifierIds.Contains(r.VerifierId) && kinds.Contains(r.Kind))
            .GroupBy(r => r.VerifierId).Select(g => new { Id = g.Key, Count = g.Count(), Detail = g.Max(r => r.Detail) }).ToListAsync(cancellationToken);
        return fromCases.Concat(fromResponses).GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => (g.Sum(x => x.Count), g.Select(x => x.Detail).FirstOrDefault(d => d is not null)));
    }
}
