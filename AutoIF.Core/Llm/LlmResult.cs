namespace AutoIF.Core.Llm;

/// <summary>
/// The outcome of one call. A failure is a result with <see cref="Error"/> set, not an exception; only
/// cancellation (<see cref="OperationCanceledException"/>) and a replay miss (<see cref="LlmReplayMissException"/>) throw.
/// </summary>
public sealed record LlmResult
{
    public string Text { get; init; } = "";

    public string? FinishReason { get; init; }

    /// <summary>The answer was stored already; no endpoint was called.</summary>
    public bool FromCache { get; init; }

    /// <summary>Produced by the offline demo model; the item must be marked as demo data.</summary>
    public bool IsDemo { get; init; }

    /// <summary>Id of the stored <see cref="Domain.LlmCall"/>; link items to it (e.g. <c>Verifier.LlmCallId</c>).</summary>
    public long? CallId { get; init; }

    public required string RequestHash { get; init; }

    public required string Model { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>The endpoint's message (with any secret removed); null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Base URL of the server that answered or failed; null for the demo model and for stored answers.</summary>
    public string? Endpoint { get; init; }

    public LlmErrorKind ErrorKind { get; init; }

    public bool Succeeded => Error is null;

    /// <summary>
    /// The call failed for a reason that may pass (timeouts, 429/5xx after all retries, a dropped or paused endpoint):
    /// the item should wait for a retry, not be judged on a missing answer. A refused request (400, context length) is final.
    /// </summary>
    public bool FailedTransiently => !Succeeded && ErrorKind is LlmErrorKind.RateLimited or LlmErrorKind.ServerError or LlmErrorKind.Timeout
        or LlmErrorKind.Network or LlmErrorKind.EndpointUnavailable or LlmErrorKind.InvalidResponse or LlmErrorKind.Unknown;
}
