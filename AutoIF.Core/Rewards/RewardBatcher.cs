using System.Threading.Channels;
using AutoIF.Core.Sandbox;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Rewards;

/// <summary>
/// Gathers concurrent rollouts into sandbox batches. The first rollout to arrive opens a window of
/// Reward:BatchWindowMilliseconds; every rollout that arrives meanwhile (up to Reward:MaxBatchItems) joins it, and the
/// batch goes to the reward pool as one request, so a trainer's single-sample calls share a worker round trip. Batches
/// do not wait for each other: while one is in the sandbox the next gathers (at most two per reward worker at once).
/// </summary>
public sealed class RewardBatcher : IAsyncDisposable
{
    private readonly IVerifierSandbox _sandbox;
    private readonly RewardOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight;
    private readonly Lock _gate = new();
    private Task? _loop;

    public RewardBatcher(RewardSandbox sandbox, IOptions<RewardOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(options);
        _sandbox = sandbox.Pool;
        _options = options.Value;
        _inFlight = new SemaphoreSlim(_options.Workers * 2);
    }

    /// <summary>Scores the rollouts; each joins whichever batch is gathering when it arrives.</summary>
    public async Task<RolloutScore[]> ScoreAsync(IReadOnlyList<RewardRollout> rollouts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        EnsureStarted();
        var pending = new Task<RolloutScore>[rollouts.Count];
        for (var i = 0; i < rollouts.Count; i++)
        {
            var item = new Pending(rollouts[i], new TaskCompletionSource<RolloutScore>(TaskCreationOptions.RunContinuationsAsynchronously));
            pending[i] = item.Completion.Task;
            ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
        }
        return await Task.WhenAll(pending).WaitAsync(cancellationToken);
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _loop ??= Task.Run(() => GatherAsync(_stop.Token));
        }
    }

    private async Task GatherAsync(CancellationToken stop)
    {
        var reader = _queue.Reader;
        var window = TimeSpan.FromMilliseconds(_options.BatchWindowMilliseconds);
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                var batch = new List<Pending>();
                Drain(reader, batch);
                if (batch.Count < _options.MaxBatchItems && window > TimeSpan.Zero)
                {
                    using var closing = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    closing.CancelAfter(window);
                    try
                    {
                        while (batch.Count < _options.MaxBatchItems && await reader.WaitToReadAsync(closing.Token))
                        {
                            Drain(reader, batch);
                        }
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        // The window closed.
                    }
                }
                await _inFlight.WaitAsync(stop);
                _ = Task.Run(() => EvaluateAsync(batch), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        while (reader.TryRead(out var left))
        {
            left.Completion.TrySetException(new ObjectDisposedException(nameof(RewardBatcher)));
        }
    }

    private void Drain(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _options.MaxBatchItems && reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    private async Task EvaluateAsync(List<Pending> batch)
    {
        try
        {
            var scores = await EvaluateAsync(batch.Select(p => p.Rollout).ToList(), _sandbox, _stop.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(scores[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Completion.TrySetException(ex);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>
    /// Every constraint's kept verifiers on every non-empty answer, in one sandbox request: each verifier source and each
    /// answer sent once however many calls use it.
    /// </summary>
    public static async Task<RolloutScore[]> EvaluateAsync(IReadOnlyList<RewardRollout> rollouts, IVerifierSandbox sandbox, CancellationToken cancellationToken)
    {
        var sourceIndex = new Dictionary<int, int>();
        var sources = new List<string>();
        var inputs = new List<string>();
        var calls = new List<VerifierCall>();
        foreach (var rollout in rollouts)
        {
            if (rollout.Answer.IsEmpty)
            {
                continue;
            }
            var input = inputs.Count;
            inputs.Add(rollout.Answer.Answer);
            foreach (var instructionId in rollout.InstructionIds)
            {
                foreach (var verifier in rollout.Run.KeptVerifiersOf(instructionId))
                {
                    if (!sourceIndex.TryGetValue(verifier.Id, out var source))
                    {
                        source = sources.Count;
                        sources.Add(verifier.Source);
                        sourceIndex[verifier.Id] = source;
                    }
                    calls.Add(new VerifierCall(source, input));
                }
            }
        }
        var results = calls.Count == 0 ? [] : await sandbox.EvaluateAsync(new VerifierBatch(sources, inputs, calls), cancellationToken: cancellationToken);
        var scores = new RolloutScore[rollouts.Count];
        var next = 0;
        for (var r = 0; r < rollouts.Count; r++)
        {
            var rollout = rollouts[r];
            var constraints = new ConstraintScore[rollout.InstructionIds.Count];
            for (var c = 0; c < constraints.Length; c++)
            {
                var instructionId = rollout.InstructionIds[c];
                if (rollout.Answer.IsEmpty)
                {
                    constraints[c] = ConstraintScore.ForEmptyAnswer(instructionId);
                    continue;
                }
                var verifiers = rollout.Run.KeptVerifiersOf(instructionId);
                var slice = new VerifierResult[verifiers.Count];
                for (var v = 0; v < slice.Length; v++)
                {
                    slice[v] = results[next++];
                }
                constraints[c] = ConstraintScore.From(instructionId, verifiers, slice, rollout.Run.Rules);
            }
            scores[r] = new RolloutScore(constraints);
        }
        return scores;
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
            loop = _loop;
        }
        _queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop;
        }
    }

    private sealed record Pending(RewardRollout Rollout, TaskCompletionSource<RolloutScore> Completion);
}
