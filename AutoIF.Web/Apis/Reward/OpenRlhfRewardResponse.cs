using System.Text.Json.Serialization;

namespace AutoIF.Web.Apis.Reward;

/// <summary>
/// OpenRLHF's remote reward shape: <c>rewards</c> in the requested mode, <c>scores</c> the share of constraints passed
/// (0–1, for dynamic filtering; always sent, since OpenRLHF falls back to <c>rewards</c> when it is missing or 0),
/// <c>extra_logs</c> empty (some versions call <c>.item()</c> on each value).
/// </summary>
public sealed record OpenRlhfRewardResponse(
    [property: JsonPropertyName("rewards")] IReadOnlyList<double> Rewards,
    [property: JsonPropertyName("scores")] IReadOnlyList<double> Scores,
    [property: JsonPropertyName("extra_logs")] IReadOnlyDictionary<string, IReadOnlyList<double>> ExtraLogs);
