using System.Text.Json.Serialization;

namespace AutoIF.Web.Apis.Reward;

/// <summary>The answer of <c>POST /api/reward/score</c>: one result per item, in order.</summary>
public sealed record RewardScoreResponse([property: JsonPropertyName("results")] IReadOnlyList<RewardScoreResult> Results);
