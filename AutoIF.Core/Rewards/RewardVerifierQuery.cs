using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;

namespace AutoIF.Core.Rewards;

public static class RewardVerifierQuery
{
    /// <summary>
    /// The verifiers that score rollouts, over all runs: compiled Python verifiers whose effective status is kept
    /// (<see cref="EffectiveStatus"/>: a human decision overrides the filter), on instructions no human rejected.
    /// Question verifiers are left out (each costs a model call); <see cref="Scoring(AutoIfDbContext, bool)"/> adds them
    /// for soft constraints under Reward:Questions, and the RL export offers a prompt only when its instruction has a
    /// verifier of that, so every exported label can be scored.
    /// </summary>
    public static IQueryable<Verifier> Scoring(AutoIfDbContext db) =>
        db.Verifiers
            .Where(v => v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
            .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
            .Where(v => db.Instructions.Any(i => i.Id == v.InstructionId && i.ReviewState != ReviewState.Rejected));

    /// <summary>
    /// What scores a constraint when <paramref name="questions"/> (Reward:Questions) is on, over all runs: its
    /// <see cref="Scoring(AutoIfDbContext)"/> functions when it has any, else its kept question verifiers (a soft
    /// constraint, decision 034). Off: the functions alone. The reward service and the RL export both read this.
    /// </summary>
    public static IQueryable<Verifier> Scoring(AutoIfDbContext db, bool questions)
    {
        var functions = Scoring(db);
        if (!questions)
        {
            return functions;
        }
        return db.Verifiers
            .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
            .Where(v => db.Instructions.Any(i => i.Id == v.InstructionId && i.ReviewState != ReviewState.Rejected))
            .Where(v => (v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
                        || (v.Kind == VerifierKind.LlmQuestion && !functions.Any(f => f.InstructionId == v.InstructionId)));
    }

    /// <summary>Kept question verifiers on instructions with no scoring function: what only questions can check (soft constraints).</summary>
    public static IQueryable<Verifier> SoftOnly(AutoIfDbContext db)
    {
        var functions = Scoring(db);
        return Scoring(db, questions: true).Where(v => v.Kind == VerifierKind.LlmQuestion && !functions.Any(f => f.InstructionId == v.InstructionId));
    }

    /// <summary>The <see cref="Scoring"/> verifiers of one run.</summary>
    public static IQueryable<Verifier> KeptVerifiersFor(AutoIfDbContext db, int runId) => Scoring(db).Where(v => v.RunId == runId);
}
