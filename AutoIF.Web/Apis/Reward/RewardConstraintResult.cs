using System.Text.Json.Serialization;
using AutoIF.Core.Export;
using AutoIF.Core.Rewards;

namespace AutoIF.Web.Apis.Reward;

/// <summary>One constraint of a rollout: whether it passed, its accuracy and its verifiers' verdicts (spelled as in the scores export).</summary>
public sealed record RewardConstraintResult(
    [property: JsonPropertyName("instruction_id")] int InstructionId,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("verdicts")] IReadOnlyList<RewardVerdictResult> Verdicts)
{
    public static RewardConstraintResult From(ConstraintScore score) => new(score.InstructionId, score.Passed, score.Accuracy,
        score.Verdicts.Select(v => new RewardVerdictResult(v.VerifierId, VerdictEntry.Name(v.Verdict), v.Detail)).ToList());
}
