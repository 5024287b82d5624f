using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;

namespace AutoIF.Core.Rewards;

public static class RewardVerifierQuery
{
    /// <summary>
    /// The verifiers that score a run's rollouts: its compiled Python verifiers whose effective status is kept
    /// (<see cref="EffectiveStatus"/>: a human decision overrides the filter), on instructions no human rejected.
    /// Question verifiers are left out (each costs a model call).
    /// </summary>
    public static IQueryable<Verifier> KeptVerifiersFor(AutoIfDbContext db, int runId) =>
        db.Verifiers
            .Where(v => v.RunId == runId && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
            .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
            .Where(v => db.Instructions.Any(i => i.Id == v.InstructionId && i.ReviewState != ReviewState.Rejected));
}
