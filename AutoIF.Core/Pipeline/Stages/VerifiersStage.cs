using System.Globalization;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Asks K times per instruction for a verification function with test cases. Identical functions and identical
/// cases of one instruction are stored once. An instruction whose K answers hold no usable function is dropped here.
/// Streams behind Augment (decision 051): an instruction is stored with all its verifiers at once and never asked again,
/// so the stages after this one may take it as soon as it is stored.
/// </summary>
public sealed class VerifiersStage(LlmStageServices services) : IStreamingStage
{
    public PipelineStage Stage => PipelineStage.Verifiers;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) => AskAsync(runId, complete: true, cancellationToken);

    /// <summary>
    /// Asks for the instructions Augment has stored so far. One whose calls failed is left pending for the stage's last
    /// pass, which asks again, instead of failing the run early.
    /// </summary>
    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) => AskAsync(runId, complete: false, cancellationToken);

    private async Task AskAsync(int runId, bool complete, CancellationToken cancellationToken)
    {
        RunSettings settings;
        List<(int Id, string Text)> todo;
        int total;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.RunSettingsAsync(runId, cancellationToken);
            var instructions = db.Instructions.Where(i => i.RunId == runId);
            total = await instructions.Reaching(Stage).CountAsync(cancellationToken);
            // An instruction is stored with all its verifiers at once, so one without any is not done yet.
            todo = (await instructions.Where(i => i.Status == ItemStatus.Pending && !i.Verifiers.Any()).OrderBy(i => i.Id).Select(i => new { i.Id, i.Text }).ToListAsync(cancellationToken))
                .Select(i => (i.Id, i.Text)).ToList();
        }
        if (!complete && todo.Count == 0)
        {
            return;
        }
        await services.Progress.StartAsync(runId, Stage, total, cancellationToken, current: complete);
        var done = total - todo.Count;
        var failures = new TransientCallFailures(Stage);
        var samples = settings.Verifiers.Samples;
        var casePool = settings.CrossValidation.CasePool;

        var parsing = settings.Verifiers.Parsing;
        var batches = services.Llm.Batches(todo, samples)
            .Select(batch => (Instructions: batch, Requests: batch.SelectMany(instruction => Enumerable.Range(0, samples).Select(k => (instruction.Id, instruction.Text, Sample: k))).ToList()));
        // The questions go out with the functions (they were asked once the functions were answered): one barrier less.
        var asked = services.Llm.AskAheadAsync(batches, LlmRole.Supervision, async (batch, calls) =>
        {
            var functions = calls.CompleteAllAsync(runId, Stage, batch.Requests, r => LlmRequest.For(services.Templates.Verifier(r.Text)) with
            {
                Temperature = settings.Verifiers.Temperature,
                SampleIndex = r.Sample,
            }, text => VerifierJsonParser.Parse(text, parsing));
            var questions = settings.Verifiers.AsksQuestions ? AskQuestionsAsync(runId, batch.Instructions, settings, calls) : null;
            // Both end before the batch does, so a stage that stops has no call of it still out.
            await Task.WhenAll(questions is null ? [functions] : [functions, questions]);
            return (Functions: await functions, Questions: questions is null ? null : await questions);
        }, cancellationToken);
        await foreach (var ((batch, requests), (answers, questions)) in asked)
        {
            await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
            foreach (var instruction in batch)
            {
                var mine = requests.Select((r, index) => (r, Answer: answers[index])).Where(x => x.r.Id == instruction.Id).ToList();
                var questionAnswer = questions?[instruction.Id];
                if (questionAnswer is not null && failures.Record(questionAnswer.Result))
                {
                    // Stored whole or not at all: the resume asks this instruction again (its answered calls come from the cache).
                    continue;
                }
                var sources = new Dictionary<string, Verifier>(StringComparer.Ordinal);
                var cases = new HashSet<(Verifier?, string, string)>();
                foreach (var (request, answer) in mine)
                {
                    if (!answer.Succeeded)
                    {
                        continue;
                    }
                    if (sources.TryGetValue(answer.Value!.Func, out var verifier))
                    {
                        // A repeated function is stored once; the scripts still pool its answer's cases.
                        if (casePool != CasePool.CompiledAnswers)
                        {
                            continue;
                        }
                    }
                    else
                    {
                        verifier = new Verifier
                        {
                            RunId = runId, InstructionId = instruction.Id, Source = answer.Value.Func, SourceHash = TextHash.Exact(answer.Value.Func),
                            SampleIndex = request.Sample, LlmCallId = answer.Result.CallId, IsDemo = answer.Result.IsDemo,
                        };
                        sources.Add(answer.Value.Func, verifier);
                        db.Verifiers.Add(verifier);
                    }
                    // Under the compiled-answers pool a case is told apart per function: which answers' functions run decides the pool.
                    var owner = casePool == CasePool.CompiledAnswers ? verifier : null;
                    foreach (var testCase in answer.Value.Cases.Where(c => cases.Add((owner, c.Input, ExpectedOutput.Key(c.Expected, c.ExpectedJson)))))
                    {
                        db.TestCases.Add(new TestCase
                        {
                            RunId = runId, InstructionId = instruction.Id, Input = testCase.Input, Expected = testCase.Expected, ExpectedJson = testCase.ExpectedJson, Verifier = verifier,
                        });
                    }
                }
                var questionCount = questionAnswer is null ? 0 : AddQuestions(db, runId, instruction.Id, questionAnswer, cases);
                if (sources.Count == 0 && mine.Any(x => x.Answer.Result.FailedTransiently))
                {
                    // Some calls never got an answer: keep the instruction pending for the resume instead of dropping it.
                    failures.Record(mine.First(x => x.Answer.Result.FailedTransiently).Answer.Result);
                }
                else if (sources.Count == 0 && !(questionCount > 0 && settings.Verifiers.QuestionFallback && cases.Count > 0))
                {
                    // Kept pending only when its questions may still carry it as a soft constraint: they need cases to be validated on.
                    var reasons = mine.Select(x => x.Answer.Result.Error ?? x.Answer.Parse?.Error).Where(e => e is not null).Distinct().Take(2);
                    var reason = DropReasons.NoUsableVerifier.With(samples.ToString(CultureInfo.InvariantCulture), string.Join("; ", reasons));
                    await db.Instructions.Where(i => i.Id == instruction.Id).ExecuteUpdateAsync(s => s.SetDropped(Stage, reason), cancellationToken);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Length;
            await services.Progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        if (complete)
        {
            failures.ThrowIfAny();
            await services.Progress.CompleteAsync(runId, Stage, total, cancellationToken);
        }
    }

    /// <summary>One questions prompt per instruction (decision 034), read by Verifiers:Parsing like the functions.</summary>
    private async Task<Dictionary<int, LlmParsedResult<QuestionSpec>>> AskQuestionsAsync(int runId, (int Id, string Text)[] batch, RunSettings settings, StageCallWindow calls)
    {
        var parsing = settings.Verifiers.Parsing;
        var answers = await calls.CompleteAllAsync(runId, Stage, batch, i => LlmRequest.For(services.Templates.Questions(i.Text)) with
        {
            Temperature = settings.Verifiers.Temperature,
        }, text => QuestionListParser.Parse(text, parsing));
        return batch.Select((instruction, index) => (instruction.Id, Answer: answers[index])).ToDictionary(x => x.Id, x => x.Answer);
    }

    /// <summary>Stores an answer's questions as verifiers (nothing to compile) and its cases as the instruction's; returns how many questions.</summary>
    private static int AddQuestions(AutoIfDbContext db, int runId, int instructionId, LlmParsedResult<QuestionSpec> answer, HashSet<(Verifier?, string, string)> cases)
    {
        if (!answer.Succeeded)
        {
            return 0;
        }
        var spec = answer.Value!;
        for (var index = 0; index < spec.Questions.Count; index++)
        {
            db.Verifiers.Add(new Verifier
            {
                RunId = runId, InstructionId = instructionId, Kind = VerifierKind.LlmQuestion, Source = spec.Questions[index], SourceHash = TextHash.Exact(spec.Questions[index]),
                SampleIndex = index, CompileStatus = CompileStatus.Ok, LlmCallId = answer.Result.CallId, IsDemo = answer.Result.IsDemo,
            });
        }
        foreach (var testCase in spec.Cases.Where(c => cases.Add((null, c.Input, ExpectedOutput.Key(c.Expected, c.ExpectedJson)))))
        {
            db.TestCases.Add(new TestCase { RunId = runId, InstructionId = instructionId, Input = testCase.Input, Expected = testCase.Expected, ExpectedJson = testCase.ExpectedJson });
        }
        return spec.Questions.Count;
    }
}
