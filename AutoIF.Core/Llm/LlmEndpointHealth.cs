using System.Collections.Concurrent;

namespace AutoIF.Core.Llm;

/// <summary>Circuit-breaker state per role, fed by the resilience pipeline, read by the gateway, stages and the UI.</summary>
public sealed class LlmEndpointHealth(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<LlmRole, LlmEndpointStatus> _status = new();

    public LlmEndpointStatus Get(LlmRole role) =>
        _status.TryGetValue(role, out var status) ? status : new LlmEndpointStatus(role, LlmEndpointState.Available, null, null);

    public void Opened(LlmRole role, TimeSpan breakDuration, string? lastError) =>
        _status[role] = new LlmEndpointStatus(role, LlmEndpointState.Unavailable, timeProvider.GetUtcNow() + breakDuration, lastError);

    public void HalfOpened(LlmRole role) =>
        _status.AddOrUpdate(role, r => new LlmEndpointStatus(r, LlmEndpointState.Probing, null, null), (_, s) => s with { State = LlmEndpointState.Probing });

    public void Closed(LlmRole role) =>
        _status[role] = new LlmEndpointStatus(role, LlmEndpointState.Available, null, null);
}
