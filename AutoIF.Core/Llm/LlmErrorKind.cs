namespace AutoIF.Core.Llm;

/// <summary>Why a call failed, so a stage can decide: pause (<see cref="EndpointUnavailable"/>), stop (<see cref="Unauthorized"/>) or record and move on.</summary>
public enum LlmErrorKind
{
    None = 0,
    /// <summary>401/403: the key is wrong; not retried.</summary>
    Unauthorized = 1,
    /// <summary>400 mentioning the context length: the prompt is too long; not retried.</summary>
    ContextLength = 2,
    /// <summary>Any other 4xx; not retried.</summary>
    BadRequest = 3,
    /// <summary>429 still returned after all retries.</summary>
    RateLimited = 4,
    /// <summary>5xx still returned after all retries.</summary>
    ServerError = 5,
    /// <summary>Every attempt timed out.</summary>
    Timeout = 6,
    /// <summary>Connection refused or dropped after all retries.</summary>
    Network = 7,
    /// <summary>The circuit breaker is open: the endpoint failed repeatedly; the stage should pause and try later.</summary>
    EndpointUnavailable = 8,
    /// <summary>The endpoint answered with something that is not a chat completion.</summary>
    InvalidResponse = 9,
    Unknown = 10,
}
