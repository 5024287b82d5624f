using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AutoIF.Core.Llm;

/// <summary>
/// The cache key: SHA-256 over a canonical JSON of model, messages, sampling parameters and sample index.
/// Endpoint URL and key are deliberately left out: the same model behind another host answers the same request.
/// </summary>
public static class LlmRequestHasher
{
    /// <summary>The canonical request JSON (also stored as <c>LlmCall.RequestJson</c>).</summary>
    public static string CanonicalJson(string model, IReadOnlyList<LlmMessage> messages, LlmSamplingParameters parameters, int sampleIndex) =>
        JsonSerializer.Serialize(new CanonicalRequest(
            model,
            [.. messages.Select(m => new CanonicalMessage(m.Role.ToString().ToLowerInvariant(), m.Content))],
            parameters.Temperature,
            parameters.TopP,
            parameters.MaxTokens,
            sampleIndex));

    public static string Hash(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private sealed record CanonicalMessage(string Role, string Content);

    private sealed record CanonicalRequest(string Model, CanonicalMessage[] Messages, double Temperature, double TopP, int MaxTokens, int SampleIndex);
}
