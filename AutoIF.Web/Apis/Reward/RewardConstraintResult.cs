using System.Text.Json.Serialization;
using AutoIF.Core.Export;
using AutoIF.Core.Rewards;

namespace AutoIF.Web.Apis.Reward;

/// <summary>
/// One constraint of a rollout: whether it passed, its accuracy, which kind of verifier decided it (<c>code</c>, or
/// <c>question</c> for a soft constraint scored with Reward:Questions; null when none was run) and its verifiers'
/// verdicts (spelled as in the scores export).
/// </summary>
public sealed record RewardConstraintResult(
    [property: JsonPropertyName("instruction_id")] int InstructionId,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("decided_by")] string? DecidedBy,
    [property: JsonPropertyName("verdicts")] IReadOnlyList<RewardVerdictResult> Verdicts)
{
    // A constraint is decided by its functions when it has any, else by its questions, so its verdicts are of one kind.
    public static RewardConstraintResult From(ConstraintScore score) => new(score.InstructionId, score.Passed, score.Accuracy,
        score.Verdicts.Count == 0 ? null : VerdictEntry.KindName(score.Verdicts[0].Kind),
        score.Verdicts.Select(v => new RewardVerdictResult(v.VerifierId, VerdictEntry.Name(v.Verdict), v.Detail, VerdictEntry.KindName(v.Kind))).ToList());
}
