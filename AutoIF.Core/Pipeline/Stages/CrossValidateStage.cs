using System.Globalization;
using System.Text.Json.Nodes;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// The four published criteria, per instruction: (a) only compiled functions take part, and at least
/// CrossValidation:MinFunctions of them and MinCases cases must exist; (b) a test case is kept when the share of the
/// functions returning its expected output passes CaseAgreement (by CaseAgreementRule; errors and timeouts disagree;
/// CaseMatch says what "returning" means); (c) a function is kept when its accuracy on the kept cases passes
/// FunctionAccuracy (by FunctionAccuracyRule); (d) the instruction survives with at least one kept function and one
/// kept case. Every compiled function is also self-tested (<see cref="VerifierSelfTester"/>; CrossValidation:DropVacuous drops
/// a vacuous one before (d)). Under CasePool "compiled-answers" only the cases of answers whose function runs take part, told apart by
/// value. Every cell of the function × case matrix is stored. With Verifiers:Kinds "code,question" the questions are decided
/// after the functions (<see cref="QuestionCrossValidator"/>). Streams behind Compile (decision 051): an instruction
/// is validated once its verifiers are stored and compiled, and everything it decides is stored in one write per batch.
/// </summary>
public sealed class CrossValidateStage(
    IDbContextFactory<AutoIfDbContext> contextFactory, IVerifierSandbox sandbox, VerifierSelfTester selfTests, QuestionCrossValidator questions, StageProgressReporter progress) : IStreamingStage
{
    private const int InstructionsPerBatch = 64;

    public PipelineStage Stage => PipelineStage.CrossValidate;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) => ValidateAsync(runId, complete: true, cancellationToken);

    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) => ValidateAsync(runId, complete: false, cancellationToken);

    private async Task ValidateAsync(int runId, bool complete, CancellationToken cancellationToken)
    {
        RunSettings runSettings;
        List<int> todo;
        int total;
        int undecided;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
            runSettings = run.Settings;
            var instructions = db.Instructions.Where(i => i.RunId == runId);
            total = await instructions.Reaching(Stage).CountAsync(cancellationToken);
            // Done instructions have decided cases; a crash mid-batch left none decided, so the batch reruns whole.
            var open = instructions.Where(i => i.Status == ItemStatus.Pending && !i.TestCases.Any(c => c.Status != ItemStatus.Pending));
            undecided = await open.CountAsync(cancellationToken);
            // Beside the stages before it, only the instructions Verifiers has stored and Compile has compiled are final.
            var ready = complete ? open : open.Where(i => i.Verifiers.Any() && !i.Verifiers.Any(v => v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Unchecked));
            todo = await ready.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        }
        if (!complete && todo.Count == 0)
        {
            return;
        }
        await progress.StartAsync(runId, Stage, total, cancellationToken, current: complete);
        var done = total - undecided;
        foreach (var batch in todo.Chunk(InstructionsPerBatch))
        {
            await ValidateBatchAsync(runId, batch, runSettings, cancellationToken);
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        if (complete)
        {
            await progress.CompleteAsync(runId, Stage, total, cancellationToken);
        }
    }

    private async Task ValidateBatchAsync(int runId, IReadOnlyList<int> instructionIds, RunSettings runSettings, CancellationToken cancellationToken)
    {
        var settings = runSettings.CrossValidation;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var instructions = await db.Instructions.Where(i => instructionIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var scriptsPool = settings.CasePool == CasePool.CompiledAnswers;
        // Under the scripts' pool a function whose module runs counts even when Compile dropped it for lacking evaluate.
        var verifiers = (await db.Verifiers.Where(v => instructionIds.Contains(v.InstructionId) && v.Kind == VerifierKind.Python
                && (v.Status != ItemStatus.Dropped || (scriptsPool && (v.CompileStatus == CompileStatus.MissingEvaluate || v.CompileStatus == CompileStatus.NotCallable))))
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.InstructionId);
        var cases = (await db.TestCases.Where(c => instructionIds.Contains(c.InstructionId)).ToListAsync(cancellationToken)).ToLookup(c => c.InstructionId);

        var sources = new List<string>();
        var inputs = new List<string>();
        var calls = new List<VerifierCall>();
        var cells = new List<(Verifier Verifier, TestCase Case)>();
        var eligible = new List<Instruction>();
        var pools = new Dictionary<int, List<TestCase>>();
        foreach (var instruction in instructions)
        {
            var functions = verifiers[instruction.Id].Where(v => v.CompileStatus == CompileStatus.Ok).ToList();
            var counted = scriptsPool ? verifiers[instruction.Id].Select(v => v.Id).ToHashSet() : functions.Select(f => f.Id).ToHashSet();
            var instructionCases = Pool(cases[instruction.Id], counted, scriptsPool);
            if (counted.Count < settings.MinFunctions)
            {
                instruction.Drop(Stage, DropReasons.TooFewFunctions.With(Number(counted.Count), Number(settings.MinFunctions)));
                Decide(cases[instruction.Id].Where(c => c.Status == ItemStatus.Pending), ItemStatus.Dropped, DropReasons.CaseOfDroppedInstruction.With());
                continue;
            }
            if (instructionCases.Count < settings.MinCases)
            {
                instruction.Drop(Stage, DropReasons.TooFewCases.With(Number(instructionCases.Count), Number(settings.MinCases)));
                continue;
            }
            eligible.Add(instruction);
            pools.Add(instruction.Id, instructionCases);
            var inputStart = inputs.Count;
            inputs.AddRange(instructionCases.Select(c => c.Input));
            foreach (var function in functions)
            {
                sources.Add(function.Source);
                for (var c = 0; c < instructionCases.Count; c++)
                {
                    calls.Add(new VerifierCall(sources.Count - 1, inputStart + c));
                    cells.Add((function, instructionCases[c]));
                }
            }
        }

        var results = calls.Count == 0 ? [] : await sandbox.EvaluateAsync(new VerifierBatch(sources, inputs, calls), cancellationToken: cancellationToken);
        // Whether each cell matches its case, decided once; under python-equals each case's expected value is parsed once.
        var matches = new Dictionary<(int Verifier, int Case), bool>();
        var expected = new Dictionary<int, JsonNode?>();
        for (var i = 0; i < cells.Count; i++)
        {
            var (verifier, testCase) = cells[i];
            matches[(verifier.Id, testCase.Id)] = settings.CaseMatch == CaseMatch.PythonEquals
                ? ReturnedValue.PythonEquals(ReturnedValue.Read(results[i].Kind, results[i].Detail), ExpectedValue(testCase, expected))
                : testCase.Expected ? results[i].Kind == VerdictKind.True : results[i].Kind == VerdictKind.False;
            db.CaseResults.Add(new CaseResult { VerifierId = verifier.Id, TestCaseId = testCase.Id, Verdict = results[i].Kind, Detail = results[i].Detail });
        }

        var caseRule = settings.CaseAgreementRule.Describe(Percent(settings.CaseAgreement));
        var functionRule = settings.FunctionAccuracyRule.Describe(Percent(settings.FunctionAccuracy));
        var selfTested = new List<(Verifier Function, IReadOnlyList<TestCase> FalseCases)>();
        foreach (var instruction in eligible)
        {
            var functions = verifiers[instruction.Id].Where(v => v.CompileStatus == CompileStatus.Ok).ToList();
            var instructionCases = pools[instruction.Id];
            foreach (var testCase in instructionCases)
            {
                var agree = functions.Count(f => matches[(f.Id, testCase.Id)]);
                testCase.Agreement = functions.Count == 0 ? 0 : (double)agree / functions.Count;
                var kept = settings.CaseAgreementRule.Passes(testCase.Agreement.Value, settings.CaseAgreement);
                testCase.Status = kept ? ItemStatus.Kept : ItemStatus.Dropped;
                testCase.SetDropReason(kept ? null : DropReasons.CaseDisagreed.With(Number(agree), Number(functions.Count), ExpectedOutput.Display(testCase.Expected, testCase.ExpectedJson), caseRule));
            }
            var keptCases = instructionCases.Where(c => c.Status == ItemStatus.Kept).ToList();
            foreach (var function in functions)
            {
                var correct = keptCases.Count(c => matches[(function.Id, c.Id)]);
                function.CaseAccuracy = keptCases.Count == 0 ? 0 : (double)correct / keptCases.Count;
                var kept = settings.FunctionAccuracyRule.Passes(function.CaseAccuracy.Value, settings.FunctionAccuracy);
                function.Status = kept ? ItemStatus.Kept : ItemStatus.Dropped;
                function.DropStage = kept ? null : Stage;
                function.SetDropReason(kept ? null : keptCases.Count == 0
                    ? DropReasons.NoKeptCase.With()
                    : DropReasons.FunctionInaccurate.With(Number(correct), Number(keptCases.Count), Percent(function.CaseAccuracy.Value), functionRule));
            }
            selfTested.AddRange(functions.Select(f => (f, (IReadOnlyList<TestCase>)[.. keptCases.Where(c => !c.Expected)])));
        }
        await selfTests.ExecuteAsync(selfTested, settings.DropVacuous, Stage, cancellationToken);
        foreach (var instruction in eligible)
        {
            var functions = verifiers[instruction.Id].Where(v => v.CompileStatus == CompileStatus.Ok).ToList();
            var keptCases = pools[instruction.Id].Where(c => c.Status == ItemStatus.Kept).ToList();
            if (keptCases.Count == 0)
            {
                instruction.Drop(Stage, DropReasons.NoAgreedCase.With(caseRule));
            }
            else if (functions.All(f => f.Status == ItemStatus.Dropped))
            {
                instruction.Drop(Stage, DropReasons.NoAccurateFunction.With(functionRule));
            }
        }
        if (runSettings.Verifiers.AsksQuestions)
        {
            await questions.ValidateAsync(db, runId, instructions, cases, runSettings, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Decide(IEnumerable<TestCase> cases, ItemStatus status, CodedDropReason reason)
    {
        foreach (var testCase in cases)
        {
            testCase.Status = status;
            testCase.SetDropReason(reason);
        }
    }

    /// <summary>
    /// The cases that take part. Under the scripts' pool: those written with a function that runs (<paramref name="counted"/>),
    /// one per value (input and expected output as written); the repeats are decided here as duplicates.
    /// </summary>
    private static List<TestCase> Pool(IEnumerable<TestCase> all, IReadOnlySet<int> counted, bool scriptsPool)
    {
        var cases = all.Where(c => c.Status == ItemStatus.Pending).OrderBy(c => c.Id).ToList();
        if (!scriptsPool)
        {
            return cases;
        }
        var pool = new List<TestCase>();
        var firstOfValue = new Dictionary<(string, string), TestCase>();
        foreach (var testCase in cases)
        {
            if (testCase.VerifierId is { } owner && !counted.Contains(owner))
            {
                testCase.Status = ItemStatus.Dropped;
                testCase.SetDropReason(DropReasons.CaseOfFailedFunction.With());
            }
            else if (firstOfValue.TryGetValue((testCase.Input, ExpectedOutput.Key(testCase.Expected, testCase.ExpectedJson)), out var first))
            {
                testCase.Status = ItemStatus.Dropped;
                testCase.SetDropReason(DropReasons.DuplicateCase.With(Number(first.Id)));
            }
            else
            {
                firstOfValue.Add((testCase.Input, ExpectedOutput.Key(testCase.Expected, testCase.ExpectedJson)), testCase);
                pool.Add(testCase);
            }
        }
        return pool;
    }

    private static JsonNode? ExpectedValue(TestCase testCase, Dictionary<int, JsonNode?> parsed)
    {
        if (!parsed.TryGetValue(testCase.Id, out var value))
        {
            value = ExpectedOutput.Value(testCase.Expected, testCase.ExpectedJson);
            parsed.Add(testCase.Id, value);
        }
        return value;
    }

    // "P0" in the invariant culture writes "50 %"; reasons read as English prose, so no space and no culture.
    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");
}
