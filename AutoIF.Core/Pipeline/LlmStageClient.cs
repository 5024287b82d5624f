using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// The gateway as stages use it: while a role's endpoint is unavailable (circuit open) the stage pauses and says
/// so in its progress message instead of burning through its items; a refused API key fails the run at once.
/// A request rendered from a template records that template in the run before it is sent. A run's calls spend its
/// Run:MaxModelCalls budget (<see cref="RunCallBudgets"/>).
/// </summary>
public sealed class LlmStageClient(
    ILlmGateway gateway,
    StageProgressReporter progress,
    RunTemplateRecorder templates,
    IOptionsMonitor<LlmOptions> options,
    IDbContextFactory<AutoIfDbContext> contextFactory,
    RunCallBudgets budgets,
    TimeProvider clock)
{
    // A run's settings never change after it is created, so its model choice is read once.
    private readonly ConcurrentDictionary<int, ModelsSettings> _runModels = new();

    public bool IsDemo => gateway.Mode == LlmMode.Demo;

    /// <summary>
    /// Model calls a stage stores per batch: eight times the role's concurrency, so a store is short beside the batch's
    /// calls and a checkpoint still comes every few seconds. The next batch is asked while one is stored (<see cref="AskAheadAsync{TBatch, TAnswers}(IAsyncEnumerable{TBatch}, LlmRole, Func{TBatch, StageCallWindow, Task{TAnswers}}, CancellationToken)"/>).
    /// </summary>
    public int CallsPerBatch(LlmRole role = LlmRole.Supervision) => Math.Max(64, options.CurrentValue.For(role).TotalConcurrency * 8);

    /// <summary>
    /// A stage's items in batches of <see cref="CallsPerBatch"/> calls, <paramref name="callsPerItem"/> each, the last
    /// batches tapering to one wave of the role's slots (<see cref="StageBatches"/>).
    /// </summary>
    public IEnumerable<T[]> Batches<T>(IReadOnlyList<T> items, int callsPerItem = 1, LlmRole role = LlmRole.Supervision) =>
        StageBatches.Taper(items, Math.Max(1, CallsPerBatch(role) / callsPerItem), Math.Max(1, options.CurrentValue.For(role).TotalConcurrency / callsPerItem));

    public async Task<LlmParsedResult<T>> CompleteAsync<T>(LlmRequest request, Func<string, ParseResult<T>> parse, CancellationToken cancellationToken)
    {
        request = await WithRunModelAsync(request, cancellationToken);
        // Only a stage's calls are the run's work: the reward service and the Playground name the run for its model and
        // its records, but a trainer's reward must not fail because the run that made the verifiers spent its budget.
        if (request is { RunId: { } budgeted, Stage: not null })
        {
            request = request with { Budget = await budgets.ForAsync(budgeted, cancellationToken) };
        }
        if (request is { Template: { } template, RunId: { } runId })
        {
            await templates.RecordAsync(runId, template, cancellationToken);
        }
        while (true)
        {
            var result = await gateway.CompleteAndParseAsync(request, parse, cancellationToken);
            switch (result.Result.ErrorKind)
            {
                case LlmErrorKind.EndpointUnavailable:
                    await PauseAsync(request, cancellationToken);
                    continue;
                case LlmErrorKind.Unauthorized:
                    throw new InvalidOperationException($"The {request.Role} endpoint refused the request: {result.Result.Error}");
                default:
                    return result;
            }
        }
    }

    private async Task<LlmRequest> WithRunModelAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        if (request.Model is not null || request.RunId is not { } runId)
        {
            return request;
        }
        if (!_runModels.TryGetValue(runId, out var models))
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            models = (await db.RunSettingsAsync(runId, cancellationToken)).Models;
            _runModels[runId] = models;
        }
        return request with { Model = request.Role == LlmRole.Policy ? models.Policy : models.Supervision };
    }

    private async Task PauseAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var status = gateway.GetStatus(request.Role);
        if (request.RunId is { } runId && request.Stage is { } stage)
        {
            await progress.MessageAsync(runId, stage, "Paused: " + status.Describe(), cancellationToken);
        }
        var wait = (status.RetryAt ?? clock.GetUtcNow().AddSeconds(5)) - clock.GetUtcNow();
        await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(wait.TotalSeconds, 1, 60)), clock, cancellationToken);
    }

    /// <summary>
    /// A stage's batches with their answers, in order, for the stage to store one at a time while the calls of the next
    /// batch are already out: the slots are not left idle while a batch waits for its slowest call and is stored. What is
    /// asked and in which order stays the batches': <paramref name="ask"/> runs for the next batch once the current one is
    /// asked, the calls enter the gateway through one <see cref="StageCallWindow"/> in that order, and the next batch is
    /// read from <paramref name="batches"/> before the current one is stored, so a source that queries the database
    /// must not depend on what the current batch stores. When the stage stops (a failure, a cancel, the model-call
    /// budget), calls not yet sent are dropped and those sent are let finish, so each is stored and a resume reads them
    /// from the cache instead of asking again.
    /// </summary>
    public async IAsyncEnumerable<(TBatch Batch, TAnswers Answers)> AskAheadAsync<TBatch, TAnswers>(
        IAsyncEnumerable<TBatch> batches, LlmRole role, Func<TBatch, StageCallWindow, Task<TAnswers>> ask,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(ask);
        using var unsent = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Twice the slots: a slot that frees finds the next call waiting in the gateway, its cache lookup done.
        using var window = new StageCallWindow(this, 2 * options.CurrentValue.For(role).TotalConcurrency, unsent.Token, cancellationToken);
        var asked = new Queue<(TBatch Batch, Task<TAnswers> Answers)>();
        await using var source = batches.GetAsyncEnumerator(cancellationToken);
        try
        {
            if (await source.MoveNextAsync())
            {
                asked.Enqueue((source.Current, ask(source.Current, window)));
            }
            while (asked.TryDequeue(out var current))
            {
                if (await source.MoveNextAsync())
                {
                    asked.Enqueue((source.Current, ask(source.Current, window)));
                }
                yield return (current.Batch, await current.Answers);
            }
        }
        finally
        {
            await unsent.CancelAsync();
            foreach (var (_, answers) in asked)
            {
                try
                {
                    await answers;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The stage already stops for the reason it was told; the batch behind it is not stored either way.
                }
            }
        }
    }

    /// <inheritdoc cref="AskAheadAsync{TBatch, TAnswers}(IAsyncEnumerable{TBatch}, LlmRole, Func{TBatch, StageCallWindow, Task{TAnswers}}, CancellationToken)"/>
    public IAsyncEnumerable<(TBatch Batch, TAnswers Answers)> AskAheadAsync<TBatch, TAnswers>(
        IEnumerable<TBatch> batches, LlmRole role, Func<TBatch, StageCallWindow, Task<TAnswers>> ask, CancellationToken cancellationToken) =>
        AskAheadAsync(batches.ToAsyncEnumerable(), role, ask, cancellationToken);

    /// <summary>
    /// Asks <see cref="CompleteAsync{T}"/> for every item of a stage's batch at once, each request filed under
    /// <paramref name="runId"/> and <paramref name="stage"/> (the call log, the run's templates and a pause message
    /// name them); the answers keep the items' order.
    /// </summary>
    public Task<LlmParsedResult<T>[]> CompleteAllAsync<TItem, T>(
        int runId, PipelineStage stage, IReadOnlyList<TItem> items, Func<TItem, LlmRequest> request, Func<string, ParseResult<T>> parse, CancellationToken cancellationToken) =>
        FanOutAsync(items, item => CompleteAsync(request(item) with { RunId = runId, Stage = stage }, parse, cancellationToken));

    /// <summary>Runs <paramref name="work"/> for every item with the gateway's concurrency as the only limit, keeping input order.</summary>
    public static async Task<TResult[]> FanOutAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> work) =>
        await Task.WhenAll(items.Select(work));
}
