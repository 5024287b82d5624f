using AutoIF.Core.Domain;

namespace AutoIF.Core.Rewards;

/// <summary>
/// A cheap fingerprint of what a run's <see cref="RunRewardSet"/> depends on. A verifier edit adds a version (a new id),
/// a review adds a review row, an online round adds prompts; a status change without a new row happens only while the
/// pipeline works on the run, which <see cref="Status"/> says (a running run is reloaded at every check).
/// </summary>
public sealed record RewardRunStamp(string Name, RunStatus Status, int MaxVerifierId, int Verifiers, int MaxReviewId, int MaxPromptId, int Prompts)
{
    public bool MayChangeUnseen => Status is RunStatus.Running or RunStatus.Queued;
}
