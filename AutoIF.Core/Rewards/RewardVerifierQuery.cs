using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;

namespace AutoIF.Core.Rewards;

public static class RewardVerifierQuery
{
    /// <summary>
    /// The verifiers that score rollouts, over all runs: compiled Python verifiers whose effective status is kept
    /// (<see cref="EffectiveStatus"/>: a human decision overrides the filter), on instructions no human rejected.
    /// Question verifiers are left out (each costs a model call). The RL export offers a prompt only when its
    /// instruction has one of these, so every exported label can be scored.
    /// </summary>
    public static IQueryable<Verifier> Scoring(AutoIfDbContext db) =>
        db.Verifiers
            .Where(v => v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
            .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
            .Where(v => db.Instructions.Any(i => i.Id == v.InstructionId && i.ReviewState != ReviewState.Rejected));

    /// <summary>
    /// The kept question verifiers of one run on instructions no human rejected (decision 034): what scores a soft
    /// constraint when Reward:Questions is on.
    /// </summary>
    public static IQueryable<Verifier> KeptQuestionsFor(AutoIfDbContext db, int runId) =>
        db.Verifiers
            .Where(v => v.RunId == runId && v.Kind == VerifierKind.LlmQuestion)
            .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
            .Where(v => db.Instructions.Any(i => i.Id == v.InstructionId && i.ReviewState != ReviewState.Rejected));

    /// <summary>The <see cref="Scoring"/> verifiers of one run.</summary>
    public static IQueryable<Verifier> KeptVerifiersFor(AutoIfDbContext db, int runId) => Scoring(db).Where(v => v.RunId == runId);
}
