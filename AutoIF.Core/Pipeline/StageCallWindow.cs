using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// The model calls one stage has out at a time, over its batches (<see cref="LlmStageClient.AskAheadAsync{TBatch, TAnswers}(IAsyncEnumerable{TBatch}, LlmRole, Func{TBatch, StageCallWindow, Task{TAnswers}}, CancellationToken)"/>):
/// at most twice the role's slots have entered the gateway, in the order asked, so the gateway always has the next
/// calls waiting when a slot frees while the calls behind them wait here. A call still waiting here when the stage
/// stops is never sent; one that entered the gateway is let finish, so its answer is stored and nothing is asked twice.
/// </summary>
public sealed class StageCallWindow : IDisposable
{
    private readonly LlmStageClient _llm;
    private readonly SemaphoreSlim _admitted;
    private readonly CancellationToken _unsent;
    private readonly CancellationToken _cancellationToken;

    internal StageCallWindow(LlmStageClient llm, int size, CancellationToken unsent, CancellationToken cancellationToken)
    {
        _llm = llm;
        _admitted = new SemaphoreSlim(size, size);
        _unsent = unsent;
        _cancellationToken = cancellationToken;
    }

    /// <summary><see cref="LlmStageClient.CompleteAsync{T}"/> once the window has room.</summary>
    public async Task<LlmParsedResult<T>> CompleteAsync<T>(LlmRequest request, Func<string, ParseResult<T>> parse)
    {
        await _admitted.WaitAsync(_unsent);
        try
        {
            return await _llm.CompleteAsync(request, parse, _cancellationToken);
        }
        finally
        {
            _admitted.Release();
        }
    }

    /// <summary>
    /// <see cref="CompleteAsync{T}"/> for every item, each request filed under <paramref name="runId"/> and
    /// <paramref name="stage"/> (the call log, the run's templates and a pause message name them); the answers keep the items' order.
    /// </summary>
    public Task<LlmParsedResult<T>[]> CompleteAllAsync<TItem, T>(
        int runId, PipelineStage stage, IReadOnlyList<TItem> items, Func<TItem, LlmRequest> request, Func<string, ParseResult<T>> parse) =>
        LlmStageClient.FanOutAsync(items, item => CompleteAsync(request(item) with { RunId = runId, Stage = stage }, parse));

    public void Dispose() => _admitted.Dispose();
}
