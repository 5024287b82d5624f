using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Rewards;

/// <summary>
/// What scoring a run's rollouts needs, loaded once per run: its verify rules, its prompts and instructions (to tell a
/// stale label from a good one) and each instruction's kept verifiers.
/// </summary>
public sealed record RunRewardSet(
    int RunId,
    string Name,
    VerifySettings Rules,
    IReadOnlySet<int> PromptIds,
    IReadOnlySet<int> InstructionIds,
    IReadOnlyDictionary<int, IReadOnlyList<RewardVerifier>> KeptVerifiers)
{
    /// <summary>The kept verifiers of one of the run's instructions; none for a human-rejected one or one that kept none.</summary>
    public IReadOnlyList<RewardVerifier> KeptVerifiersOf(int instructionId) => KeptVerifiers.GetValueOrDefault(instructionId) ?? [];
}
