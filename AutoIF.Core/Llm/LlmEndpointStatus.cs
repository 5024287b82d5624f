namespace AutoIF.Core.Llm;

/// <summary>What the UI and a paused stage show about a role's endpoint.</summary>
public sealed record LlmEndpointStatus(LlmRole Role, LlmEndpointState State, DateTimeOffset? RetryAt, string? LastError)
{
    public string Describe() => State switch
    {
        LlmEndpointState.Unavailable => $"The {Role} endpoint failed repeatedly ({LastError ?? "no detail"}); calls are paused until {RetryAt:HH:mm:ss}.",
        LlmEndpointState.Probing => $"The {Role} endpoint is being probed after a pause.",
        _ => $"The {Role} endpoint is available.",
    };
}
