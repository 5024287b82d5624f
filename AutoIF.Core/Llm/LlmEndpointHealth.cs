using System.Collections.Concurrent;

namespace AutoIF.Core.Llm;

/// <summary>
/// Circuit-breaker state per role and server (scheme, host and port of its base URL), fed by the resilience pipeline,
/// read by the gateway (to rest a failing server while the others carry on), stages and the UI.
/// </summary>
public sealed class LlmEndpointHealth(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(LlmRole Role, string Server), LlmEndpointStatus> _status = new();

    /// <summary>The key a server's breaker and status go by: its base URL up to the port, so /v1 and /v1/ are one server.</summary>
    public static string ServerOf(string? baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : baseUrl ?? "";

    public static string ServerOf(Uri? requestUri) => requestUri is null ? "" : requestUri.GetLeftPart(UriPartial.Authority);

    public LlmEndpointStatus Get(LlmRole role, string server) =>
        _status.TryGetValue((role, server), out var status) ? status : new LlmEndpointStatus(role, LlmEndpointState.Available, null, null);

    /// <summary>A role as a whole: unavailable only while every one of its servers is; probing while none is available.</summary>
    public LlmEndpointStatus Get(LlmRole role, IReadOnlyList<string> servers)
    {
        var statuses = servers.Select(s => Get(role, s)).ToList();
        if (statuses.Count == 0 || statuses.Any(s => s.State == LlmEndpointState.Available))
        {
            return new LlmEndpointStatus(role, LlmEndpointState.Available, null, null);
        }
        if (statuses.All(s => s.State == LlmEndpointState.Unavailable))
        {
            var first = statuses.MinBy(s => s.RetryAt)!;
            return first;
        }
        return new LlmEndpointStatus(role, LlmEndpointState.Probing, null, null);
    }

    /// <summary>Whether calls should avoid the server for now (its breaker is open and its break has not ended).</summary>
    public bool IsResting(LlmRole role, string server) =>
        Get(role, server) is { State: LlmEndpointState.Unavailable, RetryAt: { } until } && until > timeProvider.GetUtcNow();

    public void Opened(LlmRole role, string server, TimeSpan breakDuration, string? lastError) =>
        _status[(role, server)] = new LlmEndpointStatus(role, LlmEndpointState.Unavailable, timeProvider.GetUtcNow() + breakDuration, lastError);

    public void HalfOpened(LlmRole role, string server) =>
        _status.AddOrUpdate((role, server), k => new LlmEndpointStatus(k.Role, LlmEndpointState.Probing, null, null), (_, s) => s with { State = LlmEndpointState.Probing });

    public void Closed(LlmRole role, string server) =>
        _status[(role, server)] = new LlmEndpointStatus(role, LlmEndpointState.Available, null, null);
}
