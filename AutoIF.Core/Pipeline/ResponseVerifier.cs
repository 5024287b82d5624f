using System.Diagnostics;
using System.Globalization;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Rewards;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Rejection sampling: runs every kept verifier of a response's instruction on the response in the sandbox, stores
/// every verdict and the response's accuracy (errors and timeouts left out of the denominator, see
/// <see cref="AccuracyRules"/> and Verify:Counting), and drops responses whose accuracy does not pass Verify:MinAccuracy
/// by Verify:MinAccuracyRule. With Responses:CountDuplicatesOnce a response with the text of an earlier response to the
/// same prompt is verified but dropped as that one's duplicate, so it counts once. An empty answer (a reasoning model's
/// output with nothing after its reasoning, <see cref="ModelAnswer.IsEmptyAnswer"/>) runs no verifier: accuracy 0 and
/// dropped, the score the reward service gives it. Verdicts go to the database in
/// bulk (one JSON-unpacking statement per chunk), in the same transaction as the accuracies, so a crash re-verifies a chunk whole.
/// A response to a prompt carrying several instructions (decision 024) runs every constraint's verifiers: each
/// constraint gets its own accuracy and pass by the rule above (<see cref="ConstraintResult"/>), the response's accuracy
/// is its weakest constraint's, and it is kept only when every constraint passes. A verifier that times out on every call
/// of its probe has its other calls recorded as timeouts without running them (<see cref="VerifierTimeoutProbe"/>).
/// Question verifiers (decision 034) are asked about every response too and their verdicts stored; a constraint's
/// accuracy is its functions' when it has kept functions, else (a soft constraint) its questions'.
/// </summary>
public sealed class ResponseVerifier(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    IVerifierSandbox sandbox,
    VerifierTimeoutProbe timeoutProbe,
    QuestionAsker questionAsker,
    StageProgressReporter progress,
    IStageChunkDispatcher chunkJobs,
    StageChunkStore chunkStore,
    RunLock runLock,
    TimeProvider clock,
    ILogger<ResponseVerifier> logger)
{
    private const int ResponsesPerChunk = 4000;

    // A chunk whose attempts fail is queued again until it has failed this often; then the stage fails with its error.
    private const int ChunkAttempts = 3;

    // How often the coordinator reads its chunks (cheap: one row per chunk), and how often it asks the job storage whether
    // a pending chunk's job still exists (one query per chunk).
    private static readonly TimeSpan ChunkPollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ChunkJobCheckInterval = TimeSpan.FromSeconds(10);

    // Chunks a waiting coordinator tries to claim per read of its plan (each try on PostgreSQL opens a connection): a plan's
    // chunks are claimed by the job servers' slots from the front, so a free one is usually among the last few.
    private const int ClaimTriesPerRead = 16;

    private long _sandboxStarted;
    private long _sandboxFinished;
    private TimeSpan _sandboxTime;
    private TimeSpan _storeTime;
    private long _calls;
    private long _questionCalls;
    private bool _caughtUp;

    /// <param name="inChunkJobs">
    /// Split the work into chunk jobs when this process queues them (<see cref="IStageChunkDispatcher.ResponsesPerChunk"/>);
    /// otherwise, and in a process without a job server, every response is verified here.
    /// </param>
    /// <param name="catchUp">
    /// Verify the responses stored so far while the stage before still samples (decision 050), without completing the
    /// stage. The probe is then chosen from a prefix by id of the final responses, which picks the same calls. A stage
    /// split into chunk jobs plans its chunks over all its responses at once, so it does not catch up.
    /// </param>
    public async Task VerifyAsync(int runId, PipelineStage stage, int? round, CancellationToken cancellationToken, bool inChunkJobs = false, bool catchUp = false)
    {
        var chunkSize = inChunkJobs ? chunkJobs.ResponsesPerChunk : null;
        if (catchUp && chunkSize is not null)
        {
            return;
        }
        if (!_caughtUp)
        {
            // Where the time went is told for the whole stage, its catch-ups included.
            (_sandboxTime, _storeTime, _calls, _questionCalls) = (TimeSpan.Zero, TimeSpan.Zero, 0, 0);
        }
        _caughtUp = catchUp;
        if (chunkSize is null)
        {
            // A plan left by a coordinator that died would let its queued jobs store verdicts this process stores too;
            // without their chunks they do nothing. Deleted before the pending responses are read, so none is in flight.
            await chunkStore.DeleteAsync(runId, stage, cancellationToken);
        }
        var inputs = await ReadInputsAsync(runId, cancellationToken);
        int total;
        List<long> pending;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var responses = Responses(db, runId, round);
            total = await responses.CountAsync(cancellationToken);
            // Only ids: chunks are then read by id range, which an index answers without touching the wide rows around them.
            pending = await responses.Where(r => r.Accuracy == null).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        }
        await progress.StartAsync(runId, stage, total, cancellationToken, current: !catchUp);
        if (catchUp)
        {
            await VerifyHereAsync(runId, stage, round, inputs, total, pending, cancellationToken);
            return;
        }
        string message;
        int skipped;
        if (chunkSize is { } size)
        {
            (skipped, var chunks) = await VerifyInChunkJobsAsync(runId, stage, round, inputs, total, pending, size, cancellationToken);
            message = string.Create(CultureInfo.InvariantCulture, $"{pending.Count:N0} responses verified by {chunks:N0} chunk jobs of up to {size:N0}");
        }
        else
        {
            skipped = await VerifyHereAsync(runId, stage, round, inputs, total, pending, cancellationToken);
            // Where the time went, so a slow verification says whether the sandbox or the database is the bottleneck: the
            // sandbox's span from first to last call of each pass, and the time spent writing (which overlaps it).
            message = string.Create(CultureInfo.InvariantCulture,
                $"{_calls:N0} verifier calls: sandbox {_sandboxTime.TotalSeconds:0.0} s, storing verdicts {_storeTime.TotalSeconds:0.0} s")
                + (_questionCalls > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {_questionCalls:N0} question verdicts asked of the model") : "");
        }
        await UpdatePassRatesAsync(runId, inputs.Rules, cancellationToken);
        if (skipped > 0)
        {
            message += string.Create(CultureInfo.InvariantCulture,
                $"; {skipped} verifier(s) timed out on each of their first {inputs.Rules.SkipAfterTimeouts} calls, their other calls skipped");
        }
        await progress.CompleteAsync(runId, stage, total, cancellationToken, message);
    }

    /// <summary>What verifying a run's responses reads before any chunk: its rules and its kept verifiers and questions.</summary>
    private sealed record VerifyInputs(
        VerifySettings Rules,
        bool Dedup,
        Dictionary<int, List<(int Id, string Source)>> Verifiers,
        Dictionary<int, List<(int Id, string Source)>> Questions,
        Dictionary<int, int[]> FurtherConstraints);

    private async Task<VerifyInputs> ReadInputsAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.RunSettingsAsync(runId, cancellationToken);
        // A human decision overrides the filter: approved verifiers take part, rejected ones never do.
        var verifiers = (await db.Verifiers.AsNoTracking()
                .Where(v => v.RunId == runId && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok)
                .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
                .OrderBy(v => v.Id).Select(v => new { v.InstructionId, v.Id, v.Source }).ToListAsync(cancellationToken))
            .GroupBy(v => v.InstructionId).ToDictionary(g => g.Key, g => g.Select(v => (v.Id, v.Source)).ToList());
        var questions = (await db.Verifiers.AsNoTracking()
                .Where(v => v.RunId == runId && v.Kind == VerifierKind.LlmQuestion)
                .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept))
                .OrderBy(v => v.Id).Select(v => new { v.InstructionId, v.Id, v.Source }).ToListAsync(cancellationToken))
            .GroupBy(v => v.InstructionId).ToDictionary(g => g.Key, g => g.Select(v => (v.Id, v.Source)).ToList());
        var furtherConstraints = (await db.PromptConstraints.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.PromptId).ThenBy(c => c.Position)
                .Select(c => new { c.PromptId, c.InstructionId }).ToListAsync(cancellationToken))
            .GroupBy(c => c.PromptId).ToDictionary(g => g.Key, g => g.Select(c => c.InstructionId).ToArray());
        return new VerifyInputs(settings.Verify, settings.Responses.CountDuplicatesOnce, verifiers, questions, furtherConstraints);
    }

    /// <summary>Runs the probe and every chunk in this process, overlapping reads, sandbox work and writes; returns the verifiers skipped.</summary>
    private async Task<int> VerifyHereAsync(int runId, PipelineStage stage, int? round, VerifyInputs inputs, int total, List<long> pending, CancellationToken cancellationToken)
    {
        var (rules, dedup, verifiers, questions, furtherConstraints) = inputs;
        var probe = VerifierTimeoutProbeResult.None;
        if (pending.Count > 0)
        {
            // The probe's calls are the first of the sandbox's span and count among the calls.
            _sandboxStarted = Stopwatch.GetTimestamp();
            probe = await timeoutProbe.RunAsync(runId, round, verifiers, furtherConstraints, rules.SkipAfterTimeouts, cancellationToken);
            _calls += probe.Evaluated.Count;
        }
        var done = total - pending.Count;
        // The steps overlap: reading chunk N+1, the sandbox on chunks N and N+1 (the next chunk's jobs queue behind this
        // one's, so no worker idles at a chunk boundary), writing chunk N-1's verdicts. Reads and writes run on pool threads
        // because SQLite's async calls complete synchronously, and the sandbox must not wait for them.
        var chunks = (pending.Count + ResponsesPerChunk - 1) / ResponsesPerChunk;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var reading = chunks > 0 ? ReadChunkAsync(runId, round, pending, 0, dedup, token) : null;
        (List<ChunkResponse> Chunk, Task<EvaluatedChunk> Work)? previous = null;
        (List<ChunkResponse> Chunk, Task<EvaluatedChunk> Work)? current = null;
        Task? storing = null;
        var storingCount = 0;
        try
        {
            for (var index = 0; index <= chunks; index++)
            {
                current = null;
                if (index < chunks)
                {
                    var chunk = await reading!;
                    var from = (index + 1) * ResponsesPerChunk;
                    reading = from < pending.Count ? Task.Run(() => ReadChunkAsync(runId, round, pending, from, dedup, token), token) : null;
                    chunk = [.. chunk.Select(r => furtherConstraints.TryGetValue(r.PromptId, out var further) ? r with { Constraints = [r.InstructionId, .. further] } : r)];
                    // A range verified meanwhile (by a resumed run, say) reads back empty: nothing to run for it.
                    current = chunk.Count > 0 ? (chunk, EvaluateChunkAsync(runId, stage, chunk, verifiers, questions, probe, token)) : null;
                }
                if (previous is var (chunkBefore, work))
                {
                    var evaluated = await work;
                    if (storing is not null)
                    {
                        await storing;
                        done += storingCount;
                        await progress.ReportAsync(runId, stage, done, cancellationToken);
                    }
                    storing = Task.Run(() => StoreChunkAsync(runId, chunkBefore, evaluated, rules, stage, token), token);
                    storingCount = chunkBefore.Count;
                }
                previous = current;
            }
            if (storing is not null)
            {
                await storing;
                done += storingCount;
                await progress.ReportAsync(runId, stage, done, cancellationToken);
            }
        }
        catch
        {
            // Nothing may go on once the stage has failed: a write that committed after a resume had begun would insert
            // its verdicts a second time, and sandbox work nobody waits for would hold the shared workers.
            await stop.CancelAsync();
            await Task.WhenAll(new[] { reading, previous?.Work, current?.Work, storing }.OfType<Task>().Select(EndQuietlyAsync));
            throw;
        }
        if (_sandboxStarted != 0)
        {
            _sandboxTime += Stopwatch.GetElapsedTime(_sandboxStarted, _sandboxFinished);
            (_sandboxStarted, _sandboxFinished) = (0, 0);
        }
        return probe.Skipped.Count;
    }

    /// <summary>
    /// The coordinator's part (decision 039): runs the timeout probe as a barrier, stores the plan (one row per chunk, with
    /// the probe's decisions for its responses), queues a job per chunk and waits by reading the plan, reporting progress and
    /// honouring a cancel at every read. A plan found from an earlier attempt of this verification (its coordinator died)
    /// is kept when it still covers every unverified response: its done chunks stay done, the others get a job again
    /// unless theirs still waits or runs. Returns the verifiers the probe skips and the number of chunks.
    /// </summary>
    private async Task<(int Skipped, int Chunks)> VerifyInChunkJobsAsync(
        int runId, PipelineStage stage, int? round, VerifyInputs inputs, int total, List<long> pending, int size, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return (0, 0);
        }
        var plan = await chunkStore.ReadAsync(runId, stage, cancellationToken);
        if (Covers(plan, round, pending))
        {
            logger.LogInformation("Run {RunId}: {Stage} goes on with its plan of {Chunks} chunk jobs, {Done} of them done", runId, stage, plan.Count, plan.Count(c => c.State == StageChunkState.Done));
        }
        else
        {
            var probe = await timeoutProbe.RunAsync(runId, round, inputs.Verifiers, inputs.FurtherConstraints, inputs.Rules.SkipAfterTimeouts, cancellationToken);
            plan = await chunkStore.ReplaceAsync(runId, stage, round, pending, size, probe, cancellationToken);
            logger.LogInformation("Run {RunId}: {Stage} planned as {Chunks} chunk jobs of up to {Size} responses", runId, stage, plan.Count, size);
        }
        var skipped = StageChunkDecisions.FromJson(plan[0].DecisionsJson).Skipped.Count;
        // Chunks done before this coordinator started are already counted: their responses are not pending.
        var doneBefore = plan.Where(c => c.State == StageChunkState.Done).Select(c => c.Id).ToHashSet();
        var jobs = plan.ToDictionary(c => c.Id, c => c.JobId);
        var lastJobCheck = (DateTimeOffset?)null;
        while (true)
        {
            var checkJobs = lastJobCheck is null || clock.GetUtcNow() - lastJobCheck >= ChunkJobCheckInterval;
            if (checkJobs)
            {
                lastJobCheck = clock.GetUtcNow();
            }
            foreach (var chunk in plan.Where(c => c.State != StageChunkState.Done))
            {
                if (chunk.State == StageChunkState.Failed && chunk.Attempts >= ChunkAttempts)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{stage}: chunk {chunk.Index + 1} of {plan.Count} (responses {chunk.FirstResponseId}–{chunk.LastResponseId}) failed {chunk.Attempts} times; the last error: {chunk.Error}"));
                }
                // A job that is gone (deleted with a cancelled run, or one that found the run stopped) is replaced; a job
                // a dead worker held comes back to its queue by itself once its lease ends (decision 037).
                var needsJob = chunk.State == StageChunkState.Failed || jobs[chunk.Id] is not { } jobId
                    // Read again after the job's state: a job that finished its chunk has committed it before it ended.
                    || (checkJobs && !chunkJobs.IsWaitingOrRunning(jobId) && await chunkStore.StateAsync(chunk.Id, cancellationToken) != StageChunkState.Done);
                if (needsJob)
                {
                    var queued = chunkJobs.Enqueue(chunk.Id);
                    if (chunk.Attempts > 0 || chunk.JobId is not null)
                    {
                        logger.LogInformation("Run {RunId}: {Stage} chunk {Index} ({State}, {Attempts} attempts) queued again as job {JobId}", runId, stage, chunk.Index, chunk.State, chunk.Attempts, queued);
                    }
                    jobs[chunk.Id] = queued;
                    await chunkStore.QueuedAsync(chunk.Id, queued, cancellationToken);
                }
            }
            var done = total - pending.Count + plan.Where(c => c.State == StageChunkState.Done && !doneBefore.Contains(c.Id)).Sum(c => c.Responses);
            await progress.ReportAsync(runId, stage, done, cancellationToken);
            if (plan.All(c => c.State == StageChunkState.Done))
            {
                break;
            }
            if (!chunkJobs.CoordinatorVerifiesChunks || !await VerifyAnUnclaimedChunkAsync(runId, stage, plan, cancellationToken))
            {
                await Task.Delay(ChunkPollInterval, clock, cancellationToken);
            }
            plan = await chunkStore.ReadAsync(runId, stage, cancellationToken);
            if (plan.Count == 0)
            {
                throw new InvalidOperationException($"{stage}: its chunk plan was deleted while the chunks ran (another process verified the run meanwhile).");
            }
        }
        // The plan stays, done, as the record of the stage's chunks (and their attempts) until the stage is verified again.
        return (skipped, plan.Count);
    }

    /// <summary>
    /// The waiting coordinator's help (decision 043): claims one open chunk no one works on, from the plan's end (job servers
    /// take it from the front), and verifies it as its job would; false when every open chunk it tried is claimed. An attempt
    /// that fails is recorded on the chunk as a job's is, and the loop queues it again.
    /// </summary>
    private async Task<bool> VerifyAnUnclaimedChunkAsync(int runId, PipelineStage stage, List<StageChunk> plan, CancellationToken cancellationToken)
    {
        foreach (var chunk in plan.Where(c => c.State != StageChunkState.Done).OrderByDescending(c => c.Index).Take(ClaimTriesPerRead))
        {
            try
            {
                if (await TryVerifyChunkAsync(chunk.Id, cancellationToken))
                {
                    return true;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Run {RunId}: {Stage} chunk {Index} failed in its coordinator", runId, stage, chunk.Index);
                return true;
            }
        }
        return false;
    }

    // A plan is this verification's when it is for the same round and every unverified response lies in a chunk not done.
    private static bool Covers(List<StageChunk> plan, int? round, List<long> pending)
    {
        if (plan.Count == 0 || plan.Any(c => c.Round != round))
        {
            return false;
        }
        var open = plan.Where(c => c.State != StageChunkState.Done).Select(c => (c.FirstResponseId, c.LastResponseId)).ToList();
        return pending.All(id => open.Any(range => id >= range.FirstResponseId && id <= range.LastResponseId));
    }

    /// <summary>
    /// A chunk job's work: verifies the chunk's unverified responses with the plan's probe decisions, and stores the verdicts,
    /// accuracies and the chunk's done mark in one transaction. Does nothing for a chunk that is done or gone, claimed by
    /// another taker (decision 043), or whose run was cancelled; an attempt that fails stores nothing and is recorded for the coordinator to queue again.
    /// </summary>
    public Task VerifyChunkAsync(long chunkId, CancellationToken cancellationToken) => TryVerifyChunkAsync(chunkId, cancellationToken);

    /// <summary>
    /// <see cref="VerifyChunkAsync"/> under the chunk's claim (decision 043): false, doing nothing, when another taker (a
    /// job, or the coordinator) holds it; that taker finishes it, or dies and frees it for the job that comes back.
    /// </summary>
    private async Task<bool> TryVerifyChunkAsync(long chunkId, CancellationToken cancellationToken)
    {
        var claim = await runLock.TryClaimChunkAsync(chunkId, cancellationToken);
        if (claim is null)
        {
            return false;
        }
        await using (claim)
        {
            await VerifyClaimedChunkAsync(chunkId, cancellationToken);
            if (await chunkStore.StateAsync(chunkId, cancellationToken) is StageChunkState.Done or null)
            {
                runLock.RemoveChunkClaimFile(chunkId);
            }
        }
        return true;
    }

    private async Task VerifyClaimedChunkAsync(long chunkId, CancellationToken cancellationToken)
    {
        var chunk = await chunkStore.StartAttemptAsync(chunkId, cancellationToken);
        if (chunk is null)
        {
            return;
        }
        try
        {
            var inputs = await ReadInputsAsync(chunk.RunId, cancellationToken);
            var probe = StageChunkDecisions.FromJson(chunk.DecisionsJson).ToProbe();
            var responses = await ReadRangeAsync(chunk.RunId, chunk.Round, chunk.FirstResponseId, chunk.LastResponseId, inputs.Dedup, cancellationToken);
            responses = [.. responses.Select(r => inputs.FurtherConstraints.TryGetValue(r.PromptId, out var further) ? r with { Constraints = [r.InstructionId, .. further] } : r)];
            var evaluated = responses.Count > 0
                ? await EvaluateChunkAsync(chunk.RunId, chunk.Stage, responses, inputs.Verifiers, inputs.Questions, probe, cancellationToken)
                : new EvaluatedChunk([], [], [], [], []);
            await StoreChunkAsync(chunk.RunId, responses, evaluated, inputs.Rules, chunk.Stage, cancellationToken, chunkId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await chunkStore.FailAsync(chunkId, ex.Message, CancellationToken.None);
            throw;
        }
    }

    private static async Task EndQuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Its failure, if any, is not the one being reported.
        }
    }

    private static IQueryable<Response> Responses(AutoIfDbContext db, int runId, int? round) =>
        db.Responses.Where(r => r.RunId == runId && (round == null || r.Round == round));

    /// <summary>
    /// The pending responses pending[start..start + ResponsesPerChunk) still unverified (empty past the end), each with
    /// the earliest response to its prompt with the same text when <paramref name="dedup"/> and that is another one.
    /// </summary>
    private async Task<List<ChunkResponse>> ReadChunkAsync(int runId, int? round, List<long> pending, int start, bool dedup, CancellationToken cancellationToken)
    {
        if (start >= pending.Count)
        {
            return [];
        }
        var (first, last) = (pending[start], pending[Math.Min(start + ResponsesPerChunk, pending.Count) - 1]);
        return await ReadRangeAsync(runId, round, first, last, dedup, cancellationToken);
    }

    /// <summary>The unverified responses with ids in [first, last], with their duplicates of earlier ones as above.</summary>
    private async Task<List<ChunkResponse>> ReadRangeAsync(int runId, int? round, long first, long last, bool dedup, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Responses(db, runId, round).Where(r => r.Accuracy == null && r.Id >= first && r.Id <= last).OrderBy(r => r.Id)
            .Select(r => new ChunkResponse(r.Id, r.PromptId, r.InstructionId, r.Text,
                dedup ? db.Responses.Where(o => o.PromptId == r.PromptId && o.TextHash == r.TextHash && o.Id < r.Id).Min(o => (long?)o.Id) : null))
            .ToListAsync(cancellationToken);
    }

    private sealed record ChunkResponse(long Id, int PromptId, int InstructionId, string Text, long? DuplicateOf)
    {
        public bool EmptyAnswer => ModelAnswer.IsEmptyAnswer(Text);

        /// <summary>The instructions the response is checked against, the lead first; set only when the prompt carries several.</summary>
        public int[]? Constraints { get; init; }
    }

    private async Task<EvaluatedChunk> EvaluateChunkAsync(
        int runId,
        PipelineStage stage,
        List<ChunkResponse> chunk,
        Dictionary<int, List<(int Id, string Source)>> verifiers,
        Dictionary<int, List<(int Id, string Source)>> questions,
        VerifierTimeoutProbeResult probe,
        CancellationToken cancellationToken)
    {
        var sourceIndex = new Dictionary<int, int>();
        var sources = new List<string>();
        var calls = new List<VerifierCall>();
        var callVerifier = new List<int>();
        var callPosition = new List<int>();
        // A call the probe decided (ran it, or skips its verifier) is not sent to the sandbox: results[c] is set now.
        var decided = new List<VerifierResult?>();
        var toRun = new List<VerifierCall>();
        var asked = new List<(string Question, string Text)>();
        var askedFor = new List<(int Input, int Verifier, int Position, bool Counts)>();
        for (var i = 0; i < chunk.Count; i++)
        {
            if (chunk[i].EmptyAnswer)
            {
                continue;
            }
            var constraints = chunk[i].Constraints ?? [chunk[i].InstructionId];
            foreach (var (position, (id, source)) in constraints.SelectMany((instruction, position) => (verifiers.GetValueOrDefault(instruction) ?? []).Select(v => (position, v))))
            {
                var known = probe.Decided(id, chunk[i].Id);
                if (!sourceIndex.TryGetValue(id, out var index))
                {
                    index = sources.Count;
                    sources.Add(source);
                    sourceIndex[id] = index;
                }
                calls.Add(new VerifierCall(index, i));
                callVerifier.Add(id);
                callPosition.Add(position);
                decided.Add(known);
                if (known is null)
                {
                    toRun.Add(new VerifierCall(index, i));
                }
            }
            for (var position = 0; position < constraints.Length; position++)
            {
                // A constraint's questions decide it only when it has no kept function (a soft constraint).
                var soft = !verifiers.ContainsKey(constraints[position]);
                foreach (var (id, question) in questions.GetValueOrDefault(constraints[position]) ?? [])
                {
                    asked.Add((question, chunk[i].Text));
                    askedFor.Add((i, id, position, soft));
                }
            }
        }
        if (_sandboxStarted == 0)
        {
            _sandboxStarted = Stopwatch.GetTimestamp();
        }
        var answering = asked.Count == 0 ? Task.FromResult(Array.Empty<VerifierResult>()) : questionAsker.AskAllAsync(runId, stage, asked, cancellationToken);
        var ran = toRun.Count == 0 ? [] : await sandbox.EvaluateAsync(new VerifierBatch(sources, chunk.Select(r => r.Text).ToList(), toRun), cancellationToken: cancellationToken);
        _sandboxFinished = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _calls, toRun.Count);
        var results = new VerifierResult[calls.Count];
        for (int c = 0, next = 0; c < calls.Count; c++)
        {
            results[c] = decided[c] ?? ran[next++];
        }
        var counts = Enumerable.Repeat(true, calls.Count).ToList();
        var answers = await answering;
        if (answers.Length > 0)
        {
            Interlocked.Add(ref _questionCalls, answers.Length);
            calls.AddRange(askedFor.Select(a => new VerifierCall(-1, a.Input)));
            callVerifier.AddRange(askedFor.Select(a => a.Verifier));
            callPosition.AddRange(askedFor.Select(a => a.Position));
            counts.AddRange(askedFor.Select(a => a.Counts));
            results = [.. results, .. answers];
        }
        return new EvaluatedChunk(calls, callVerifier, callPosition, results, counts);
    }

    private async Task StoreChunkAsync(
        int runId,
        List<ChunkResponse> chunk,
        EvaluatedChunk evaluated,
        VerifySettings rules,
        PipelineStage stage,
        CancellationToken cancellationToken,
        long? chunkId = null)
    {
        var (calls, callVerifier, callPosition, results, counts) = evaluated;
        var storeStarted = Stopwatch.GetTimestamp();
        var perResponse = new List<VerifierResult>[chunk.Count];
        var perConstraint = new List<VerifierResult>[chunk.Count][];
        for (var i = 0; i < chunk.Count; i++)
        {
            perResponse[i] = [];
            perConstraint[i] = [.. (chunk[i].Constraints ?? []).Select(_ => new List<VerifierResult>())];
        }
        for (var c = 0; c < calls.Count; c++)
        {
            if (!counts[c])
            {
                // Stored with the others below, but the constraint's functions decide it.
                continue;
            }
            var input = calls[c].InputIndex;
            perResponse[input].Add(results[c]);
            if (perConstraint[input].Length > 0)
            {
                perConstraint[input][callPosition[c]].Add(results[c]);
            }
        }
        var constraintResults = new List<ConstraintResult>();
        var verdicts = new Verdict[calls.Count];
        for (var c = 0; c < calls.Count; c++)
        {
            var kind = results[c].Kind;
            // True/False need no detail; storing it only for the other kinds keeps millions of rows small.
            verdicts[c] = new Verdict { ResponseId = chunk[calls[c].InputIndex].Id, VerifierId = callVerifier[c], Kind = kind, Detail = AccuracyRules.IsCounted(kind) ? null : results[c].Detail };
        }
        var updates = new Response[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var empty = chunk[i].EmptyAnswer;
            var accuracy = empty ? 0 : AccuracyRules.Accuracy(perResponse[i], rules.Counting);
            var duplicateOf = chunk[i].DuplicateOf;
            CodedDropReason? failedConstraint = null;
            if (chunk[i].Constraints is { } constraints)
            {
                var (ofConstraints, failed) = ConstraintResults(runId, chunk[i], perConstraint[i], empty, rules);
                constraintResults.AddRange(ofConstraints);
                accuracy = ofConstraints.Min(r => r.Accuracy);
                failedConstraint = failed;
            }
            var kept = !empty && duplicateOf is null && failedConstraint is null && rules.MinAccuracyRule.Passes(accuracy, rules.MinAccuracy);
            updates[i] = new Response { Id = chunk[i].Id, Text = "", TextHash = "", Accuracy = accuracy, DuplicateOfId = duplicateOf };
            if (!kept)
            {
                updates[i].Drop(stage, empty ? DropReasons.EmptyAnswer.With()
                    : duplicateOf is { } original ? DropReasons.DuplicateResponse.With(original.ToString(CultureInfo.InvariantCulture))
                    : failedConstraint ?? DropReason(perResponse[i], accuracy, rules));
            }
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A chunk job marks its chunk done first: an attempt that finds it done (another attempt committed it) stores
        // nothing, and the mark commits with the rows or not at all.
        if (chunkId is { } planned && !await chunkStore.TryFinishAsync(db, planned, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }
        if (chunk.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }
        var verdictColumns = new JsonRowColumns<Verdict>(db).Add(v => v.ResponseId).Add(v => v.VerifierId).Add(v => v.Kind).Add(v => v.Detail);
        await JsonRows.ExecuteAsync(db, $$"""INSERT INTO {{verdictColumns.Table}} ({{verdictColumns.Names}}) SELECT {{verdictColumns.Values}} FROM {0}""", verdictColumns.Serialize(verdicts), cancellationToken);
        var responseColumns = new JsonRowColumns<Response>(db).Add(r => r.Id).Add(r => r.Accuracy).Add(r => r.Status).Add(r => r.DropStage)
            .Add(r => r.DropReasonCode).Add(r => r.DropReasonArgs).Add(r => r.DropReason).Add(r => r.DuplicateOfId);
        var id = responseColumns.ColumnOf(r => r.Id);
        await JsonRows.ExecuteAsync(db, $$"""
            UPDATE {{responseColumns.Table}} SET {{responseColumns.Assignments("u", id)}}
            FROM (SELECT {{responseColumns.Values}} FROM {0}) AS u
            WHERE {{responseColumns.Table}}."{{id}}" = u."{{id}}"
            """, responseColumns.Serialize(updates), cancellationToken);
        if (constraintResults.Count > 0)
        {
            // Through EF: JSON rows carry no booleans (the engines read them differently), and these rows are k per response, not per verdict.
            db.ConstraintResults.AddRange(constraintResults);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        _storeTime += Stopwatch.GetElapsedTime(storeStarted);
    }

    /// <summary>The sandbox's calls, then the questions asked; <see cref="Counts"/> says which verdicts make the accuracy.</summary>
    private sealed record EvaluatedChunk(List<VerifierCall> Calls, List<int> CallVerifier, List<int> CallPosition, IReadOnlyList<VerifierResult> Results, List<bool> Counts);

    /// <summary>Each constraint's accuracy and pass by the run's rule, and the reason of the first that fails (null when all pass).</summary>
    private static (List<ConstraintResult> Results, CodedDropReason? Failed) ConstraintResults(
        int runId, ChunkResponse response, List<VerifierResult>[] perConstraint, bool empty, VerifySettings rules)
    {
        var constraints = response.Constraints!;
        var results = new List<ConstraintResult>(constraints.Length);
        for (var position = 0; position < constraints.Length; position++)
        {
            var verdicts = perConstraint[position];
            var accuracy = empty ? 0 : AccuracyRules.Accuracy(verdicts, rules.Counting);
            var passed = !empty && verdicts.Count > 0 && rules.MinAccuracyRule.Passes(accuracy, rules.MinAccuracy);
            results.Add(new ConstraintResult { RunId = runId, ResponseId = response.Id, InstructionId = constraints[position], Position = position, Accuracy = accuracy, Passed = passed });
        }
        var failing = results.Where(r => !r.Passed).ToList();
        if (failing.Count == 0)
        {
            return (results, null);
        }
        var first = failing[0];
        var reason = perConstraint[first.Position].Count == 0
            ? DropReasons.ConstraintWithoutVerifier.With(Number(failing.Count), Number(results.Count), first.InstructionId.ToString(CultureInfo.InvariantCulture))
            : DropReasons.ConstraintFailed.With(Number(failing.Count), Number(results.Count), first.InstructionId.ToString(CultureInfo.InvariantCulture), Number(first.Accuracy), rules.MinAccuracyRule.Describe(rules.MinAccuracy));
        return (results, reason);
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static CodedDropReason DropReason(List<VerifierResult> verdicts, double accuracy, VerifySettings rules)
    {
        if (verdicts.Count == 0)
        {
            return DropReasons.NoKeptVerifier.With();
        }
        var counted = verdicts.Count(v => AccuracyRules.IsCounted(v, rules.Counting));
        var passed = verdicts.Count(v => v.Kind == VerdictKind.True);
        var uncounted = verdicts.Count - counted;
        var needs = rules.MinAccuracyRule.Describe(rules.MinAccuracy);
        return uncounted > 0
            ? DropReasons.AccuracyWithUncounted.With(Number(accuracy), Number(passed), Number(counted), Number(uncounted), needs)
            : DropReasons.Accuracy.With(Number(accuracy), Number(passed), Number(counted), needs);
    }

    private async Task UpdatePassRatesAsync(int runId, VerifySettings rules, CancellationToken cancellationToken)
    {
        var min = rules.MinAccuracy;
        var atLeast = rules.MinAccuracyRule == MinimumRule.AtLeast;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Instructions.Where(i => i.RunId == runId).ExecuteUpdateAsync(s => s.SetProperty(
            i => i.PassRate,
            i => db.Responses.Where(r => r.InstructionId == i.Id && r.Accuracy != null && r.DuplicateOfId == null)
                .Average(r => (double?)((atLeast ? r.Accuracy >= min : r.Accuracy > min) ? 1.0 : 0.0))), cancellationToken);
        if (!await db.ConstraintResults.AnyAsync(c => c.RunId == runId, cancellationToken))
        {
            return;
        }
        // Several constraints per prompt: a response counts under each instruction it carries, by that instruction's own
        // result; a single-constraint response as above. Few instructions change, so one update each.
        var counted = db.Responses.Where(r => r.RunId == runId && r.Accuracy != null && r.DuplicateOfId == null);
        var multi = db.ConstraintResults.Where(c => c.RunId == runId);
        var single = await counted.Where(r => !multi.Any(c => c.ResponseId == r.Id))
            .GroupBy(r => r.InstructionId)
            .Select(g => new { InstructionId = g.Key, Passed = g.Count(r => atLeast ? r.Accuracy >= min : r.Accuracy > min), Total = g.Count() })
            .ToListAsync(cancellationToken);
        var several = await multi.Where(c => counted.Any(r => r.Id == c.ResponseId))
            .GroupBy(c => c.InstructionId)
            .Select(g => new { InstructionId = g.Key, Passed = g.Count(c => c.Passed), Total = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var instruction in single.Concat(several).GroupBy(x => x.InstructionId))
        {
            var rate = (double)instruction.Sum(x => x.Passed) / instruction.Sum(x => x.Total);
            await db.Instructions.Where(i => i.Id == instruction.Key).ExecuteUpdateAsync(s => s.SetProperty(i => i.PassRate, rate), cancellationToken);
        }
    }
}
