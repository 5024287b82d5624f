using AutoIF.Core.Domain;
using AutoIF.Core.Storage;

namespace AutoIF.Core.Rewards;

public static class RewardVerifierQuery
{
    /// <summary>
    /// The verifiers that score a run's rollouts: its compiled Python verifiers that are kept.
    /// Question verifiers are left out (each costs a model call).
    /// </summary>
    public static IQueryable<Verifier> KeptVerifiersFor(AutoIfDbContext db, int runId) =>
        db.Verifiers.Where(v => v.RunId == runId && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok
            // ---- RULE "kept" (the one place the reward service decides it; switch to the effective-status expression) ----
            // A verifier is kept when the filter kept it or a human approved it, unless a human rejected it, and its
            // instruction was not rejected by a human.
            && (v.Status == ItemStatus.Kept || v.ReviewState == ReviewState.Approved) && v.ReviewState != ReviewState.Rejected
            && db.Instructions.Any(i => i.Id == v.InstructionId && i.ReviewState != ReviewState.Rejected));
            // ---- end of RULE "kept" ----
}
