namespace AutoIF.Core.Llm;

public enum LlmEndpointState
{
    /// <summary>No recent failure pattern; calls go through.</summary>
    Available = 0,

    /// <summary>The breaker opened after repeated failures; calls fail fast until <see cref="LlmEndpointStatus.RetryAt"/>.</summary>
    Unavailable = 1,

    /// <summary>The break is over; the next call is a probe.</summary>
    Probing = 2,
}
