using System.Collections.Concurrent;

namespace AutoIF.Core.Llm;

/// <summary>A process-local store for tests, the benchmark and hosts without a database.</summary>
public sealed class InMemoryLlmCallStore : ILlmCallStore
{
    private readonly ConcurrentDictionary<string, LlmCall> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, LlmCall> _byId = new();
    private long _nextId;

    public int Count => _byHash.Count;

    public IReadOnlyCollection<LlmCall> Calls => [.. _byId.Values.OrderBy(c => c.Id)];

    public Task<LlmCall?> FindByHashAsync(string requestHash, CancellationToken cancellationToken) =>
        Task.FromResult(_byHash.TryGetValue(requestHash, out var call) ? call : null);

    public Task<long> SaveAsync(LlmCall call, CancellationToken cancellationToken)
    {
        var stored = Copy(call, Interlocked.Increment(ref _nextId));
        _byHash.AddOrUpdate(call.RequestHash, stored, (_, old) =>
        {
            _byId.TryRemove(old.Id, out LlmCall? _);
            return stored;
        });
        _byId[stored.Id] = stored;
        return Task.FromResult(stored.Id);
    }

    public Task MarkParseFailedAsync(long callId, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(callId, out var call))
        {
            call.ParseFailed = true;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LlmUsageRow>> UsageAsync(int? runId, CancellationToken cancellationToken)
    {
        IReadOnlyList<LlmUsageRow> rows = [.. _byId.Values
            .Where(c => runId is null || c.RunId == runId)
            .GroupBy(c => (c.RunId, c.Stage, c.Role))
            .Select(g => new LlmUsageRow(g.Key.RunId, g.Key.Stage, g.Key.Role, g.Count(), g.Count(c => c.Error is not null),
                g.Count(c => c.ParseFailed), g.Sum(c => (long)(c.PromptTokens ?? 0)), g.Sum(c => (long)(c.CompletionTokens ?? 0))))
            .OrderBy(r => r.RunId).ThenBy(r => r.Stage).ThenBy(r => r.Role)];
        return Task.FromResult(rows);
    }

    private static LlmCall Copy(LlmCall c, long id) => new()
    {
        Id = id,
        RequestHash = c.RequestHash,
        Role = c.Role,
        Model = c.Model,
        Endpoint = c.Endpoint,
        PromptKind = c.PromptKind,
        RequestJson = c.RequestJson,
        ParametersJson = c.ParametersJson,
        Completion = c.Completion,
        FinishReason = c.FinishReason,
        PromptTokens = c.PromptTokens,
        CompletionTokens = c.CompletionTokens,
        LatencyMs = c.LatencyMs,
        Error = c.Error,
        ParseFailed = c.ParseFailed,
        IsDemo = c.IsDemo,
        RunId = c.RunId,
        Stage = c.Stage,
        CreatedAt = c.CreatedAt,
    };
}
