using System.Threading.Channels;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Verifiers;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Rewards;

/// <summary>
/// Gathers concurrent rollouts into sandbox batches. The first rollout to arrive opens a window of
/// Reward:BatchWindowMilliseconds; every rollout that arrives meanwhile (up to Reward:MaxBatchItems) joins it, and the
/// batch goes to the reward pool with each verifier once, so a trainer's single-sample calls share a worker round trip
/// and a verifier's wake-up (or fork). Batches do not wait for each other while the sandbox has little to do (up to two per reward
/// worker in flight), so the next gathers while one runs; once the batches in flight hold enough to keep every worker
/// busy, the next one keeps gathering until one lands, so rollouts that queue anyway share their verifiers' wake-ups.
/// </summary>
public sealed class RewardBatcher : IAsyncDisposable
{
    /// <summary>
    /// Rollouts in flight per reward worker beyond which a new batch waits: some 400 calls, tens of milliseconds of a
    /// worker's time, enough queued that it never idles; more would only wait in the sandbox's queue, apart from rollouts
    /// that could have shared their verifiers' wake-ups.
    /// </summary>
    private const int RolloutsInFlightPerWorker = 64;

    private readonly IVerifierSandbox _sandbox;
    private readonly QuestionAsker? _questions;
    private readonly RewardOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly int _maxBatchesInFlight;
    private readonly int _maxRolloutsInFlight;
    private Task? _loop;
    private int _batchesInFlight;
    private int _rolloutsInFlight;
    private TaskCompletionSource _landed = NewSignal();

    public RewardBatcher(RewardSandbox sandbox, IOptions<RewardOptions> options, QuestionAsker? questions = null)
    {
        _questions = questions;
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(options);
        _sandbox = sandbox.Pool;
        _options = options.Value;
        _maxBatchesInFlight = _options.Workers * 2;
        _maxRolloutsInFlight = _options.Workers * RolloutsInFlightPerWorker;
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
                if (window > TimeSpan.Zero)
                {
                    // The window the first rollout opened: whatever arrives in it joins (beyond a full batch, the next one).
                    await Task.Delay(window, stop);
                }
                var batch = new List<Pending>();
                Drain(reader, batch);
                await WaitForRoomAsync(stop);
                // Rollouts that came while the sandbox was full join as well: a busy sandbox gets fewer, larger batches,
                // whose verifiers are shared by more rollouts (see EvaluateAsync).
                Drain(reader, batch);
                lock (_gate)
                {
                    _batchesInFlight++;
                    _rolloutsInFlight += batch.Count;
                }
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

    /// <summary>Returns once a batch may go: none in flight, or fewer than the limits of batches and of rollouts.</summary>
    private async Task WaitForRoomAsync(CancellationToken stop)
    {
        while (true)
        {
            Task landed;
            lock (_gate)
            {
                if (_batchesInFlight == 0 || (_batchesInFlight < _maxBatchesInFlight && _rolloutsInFlight < _maxRolloutsInFlight))
                {
                    return;
                }
                landed = _landed.Task;
            }
            await landed.WaitAsync(stop);
        }
    }

    private void Land(int rollouts)
    {
        TaskCompletionSource landed;
        lock (_gate)
        {
            _batchesInFlight--;
            _rolloutsInFlight -= rollouts;
            landed = _landed;
            _landed = NewSignal();
        }
        landed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            var scores = await EvaluateAsync(batch.Select(p => p.Rollout).ToList(), _sandbox, _stop.Token, _questions);
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
            Land(batch.Count);
        }
    }

    /// <summary>
    /// Every constraint's kept verifiers on every non-empty answer. The calls go to the sandbox grouped by verifier, not by
    /// rollout: each verifier runs in a process of its own (what keeps verifiers apart), woken once per job with every answer
    /// it scores in that job, or forked when it has no parked process yet (decision 030), so the fewer times a verifier
    /// reaches the sandbox the less a reward costs. A batch too large for one sandbox request is cut between verifiers,
    /// never through one, into requests small enough for the sandbox's planner to keep whole (it cuts its inputs into
    /// chunks of 2,000 answers or 2 million characters and hands each verifier its calls once per chunk). Question verifiers
    /// (only in a set loaded with Reward:Questions) are asked of the model through <paramref name="questions"/> meanwhile.
    /// </summary>
    public static async Task<RolloutScore[]> EvaluateAsync(
        IReadOnlyList<RewardRollout> rollouts, IVerifierSandbox sandbox, CancellationToken cancellationToken, QuestionAsker? questions = null)
    {
        var asked = new List<(int RunId, string Question, string Text, int Slot)>();
        // Result slots in rollout, constraint, verifier order; each verifier's calls gathered in order of first use.
        var byVerifier = new Dictionary<int, VerifierCalls>();
        var verifiers = new List<VerifierCalls>();
        var slots = 0;
        for (var r = 0; r < rollouts.Count; r++)
        {
            var rollout = rollouts[r];
            if (rollout.Answer.IsEmpty)
            {
                continue;
            }
            foreach (var instructionId in rollout.InstructionIds)
            {
                foreach (var verifier in rollout.Run.KeptVerifiersOf(instructionId))
                {
                    if (verifier.Kind == AutoIF.Core.Domain.VerifierKind.LlmQuestion)
                    {
                        asked.Add((rollout.Run.RunId, verifier.Source, rollout.Answer.Answer, slots++));
                        continue;
                    }
                    if (!byVerifier.TryGetValue(verifier.Id, out var calls))
                    {
                        calls = new VerifierCalls(verifier.Source);
                        byVerifier[verifier.Id] = calls;
                        verifiers.Add(calls);
                    }
                    calls.Rollouts.Add(r);
                    calls.Slots.Add(slots++);
                }
            }
        }
        var results = new VerifierResult[slots];
        var requests = new List<Task>();
        var request = new SandboxRequestPlan();
        foreach (var calls in verifiers)
        {
            if (!request.Fits(calls, rollouts))
            {
                requests.Add(request.RunAsync(sandbox, results, cancellationToken));
                request = new SandboxRequestPlan();
            }
            request.Add(calls, rollouts);
        }
        if (request.CallCount > 0)
        {
            requests.Add(request.RunAsync(sandbox, results, cancellationToken));
        }
        if (asked.Count > 0)
        {
            var asker = questions ?? throw new InvalidOperationException("Question verifiers take part (Reward:Questions) but no model client was given to ask them.");
            requests.AddRange(asked.GroupBy(a => a.RunId).Select(async run =>
            {
                var items = run.ToList();
                var answers = await asker.AskAllAsync(run.Key, stage: null, [.. items.Select(a => (a.Question, a.Text))], cancellationToken);
                for (var i = 0; i < items.Count; i++)
                {
                    results[items[i].Slot] = answers[i];
                }
            }));
        }
        await Task.WhenAll(requests);

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
                var kept = rollout.Run.KeptVerifiersOf(instructionId);
                constraints[c] = ConstraintScore.From(instructionId, kept, new ArraySegment<VerifierResult>(results, next, kept.Count), rollout.Run.Rules);
                next += kept.Count;
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

    /// <summary>One verifier's calls in a batch: the rollouts it scores and where each result goes.</summary>
    private sealed class VerifierCalls(string source)
    {
        public string Source { get; } = source;

        public List<int> Rollouts { get; } = [];

        public List<int> Slots { get; } = [];
    }

    /// <summary>Whole verifiers gathered into one sandbox request, each answer sent once however many of them score it.</summary>
    private sealed class SandboxRequestPlan
    {
        // Half the sandbox planner's chunk (2,000 answers, 2 million characters), so a request is never cut into two.
        private const int MaxAnswers = 1000;
        private const long MaxCharacters = 1_000_000;

        private readonly List<string> _sources = [];
        private readonly List<string> _answers = [];
        private readonly Dictionary<int, int> _answerOf = [];
        private readonly List<VerifierCall> _calls = [];
        private readonly List<int> _slots = [];
        private long _characters;

        public int CallCount => _calls.Count;

        /// <summary>Whether the verifier's calls join this request within its bounds; an empty request takes any verifier.</summary>
        public bool Fits(VerifierCalls calls, IReadOnlyList<RewardRollout> rollouts)
        {
            if (_calls.Count == 0)
            {
                return true;
            }
            var answers = _answers.Count;
            var characters = _characters;
            foreach (var r in calls.Rollouts)
            {
                if (!_answerOf.ContainsKey(r))
                {
                    answers++;
                    characters += rollouts[r].Answer.Answer.Length;
                }
            }
            return answers <= MaxAnswers && characters <= MaxCharacters;
        }

        public void Add(VerifierCalls calls, IReadOnlyList<RewardRollout> rollouts)
        {
            var source = _sources.Count;
            _sources.Add(calls.Source);
            for (var i = 0; i < calls.Rollouts.Count; i++)
            {
                var r = calls.Rollouts[i];
                if (!_answerOf.TryGetValue(r, out var answer))
                {
                    answer = _answers.Count;
                    var text = rollouts[r].Answer.Answer;
                    _answers.Add(text);
                    _answerOf[r] = answer;
                    _characters += text.Length;
                }
                _calls.Add(new VerifierCall(source, answer));
                _slots.Add(calls.Slots[i]);
            }
        }

        public async Task RunAsync(IVerifierSandbox sandbox, VerifierResult[] results, CancellationToken cancellationToken)
        {
            var answers = await sandbox.EvaluateAsync(new VerifierBatch(_sources, _answers, _calls), cancellationToken: cancellationToken);
            for (var i = 0; i < _slots.Count; i++)
            {
                results[_slots[i]] = answers[i];
            }
        }
    }
}
