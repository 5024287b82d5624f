namespace AutoIF.Core.Llm;

/// <summary>Token totals for the dashboard. Cache hits cost nothing and add no rows, so totals are what the endpoint was actually asked.</summary>
public sealed class LlmUsageQueries(ILlmCallStore store)
{
    /// <summary>One row per stage and role of a run.</summary>
    public Task<IReadOnlyList<LlmUsageRow>> ByRunAndStageAsync(int runId, CancellationToken cancellationToken = default) =>
        store.UsageAsync(runId, cancellationToken);

    /// <summary>One row per run (stage and role folded).</summary>
    public async Task<IReadOnlyList<LlmUsageRow>> ByRunAsync(CancellationToken cancellationToken = default)
    {
        var rows = await store.UsageAsync(null, cancellationToken);
        return [.. rows.GroupBy(r => r.RunId).Select(g => new LlmUsageRow(
            g.Key, null, LlmRole.Supervision, g.Sum(r => r.Calls), g.Sum(r => r.Errors), g.Sum(r => r.ParseFailures),
            g.Sum(r => r.PromptTokens), g.Sum(r => r.CompletionTokens)))];
    }
}
