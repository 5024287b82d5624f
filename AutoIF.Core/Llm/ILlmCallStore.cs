namespace AutoIF.Core.Llm;

/// <summary>Persistence of call records; the call cache reads through it.</summary>
public interface ILlmCallStore
{
    Task<LlmCall?> FindByHashAsync(string requestHash, CancellationToken cancellationToken);

    /// <summary>Inserts the call, or replaces the stored record with the same hash (a failed call retried later); returns its id.</summary>
    Task<long> SaveAsync(LlmCall call, CancellationToken cancellationToken);

    Task MarkParseFailedAsync(long callId, CancellationToken cancellationToken);

    /// <summary>Totals per run, stage and role; <paramref name="runId"/> null means all runs.</summary>
    Task<IReadOnlyList<LlmUsageRow>> UsageAsync(int? runId, CancellationToken cancellationToken);
}
