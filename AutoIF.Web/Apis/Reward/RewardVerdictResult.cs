using System.Text.Json.Serialization;

namespace AutoIF.Web.Apis.Reward;

/// <summary>
/// A verifier's verdict: <c>true</c>, <c>false</c>, <c>not_bool</c>, <c>error</c>, <c>timeout</c> or <c>crashed</c>, with
/// the detail of the last four, and the verifier's kind: <c>code</c> or <c>question</c> (decision 034).
/// </summary>
public sealed record RewardVerdictResult(
    [property: JsonPropertyName("verifier_id")] int VerifierId,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("kind")] string Kind);
