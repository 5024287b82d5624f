using AutoIF.Core.Llm.Parsing;

namespace AutoIF.Core.Llm;

/// <summary>
/// The one way stages talk to a model: call cache, demo/replay modes, backpressure and resilience.
/// Failures come back as results (<see cref="LlmResult.Error"/>); only cancellation and
/// <see cref="LlmReplayMissException"/> throw.
/// </summary>
public interface ILlmGateway
{
    Task<LlmResult> CompleteAsync(LlmRequest request, CancellationToken cancellationToken = default);

    /// <summary>Completes, parses, and on a parse failure flags the stored call (<c>LlmCall.ParseFailed</c>) so failures are counted.</summary>
    Task<LlmParsedResult<T>> CompleteAndParseAsync<T>(LlmRequest request, Func<string, ParseResult<T>> parse, CancellationToken cancellationToken = default);

    /// <summary>Flags a stored call whose text a stage could not use.</summary>
    Task MarkParseFailedAsync(long callId, CancellationToken cancellationToken = default);

    /// <summary>The mode calls currently run in.</summary>
    LlmMode Mode { get; }

    /// <summary>Breaker state of a role's endpoint: a stage that gets <see cref="LlmErrorKind.EndpointUnavailable"/> pauses until <see cref="LlmEndpointStatus.RetryAt"/>.</summary>
    LlmEndpointStatus GetStatus(LlmRole role);
}
