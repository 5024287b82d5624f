using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// The four published criteria, per instruction: (a) only compiled functions take part, and at least
/// CrossValidation:MinFunctions of them and MinCases cases must exist; (b) a test case is kept when strictly more
/// than CaseAgreement of the functions return its expected output (errors and timeouts disagree); (c) a function is
/// kept when its accuracy on the kept cases is strictly above FunctionAccuracy; (d) the instruction survives with at
/// least one kept function and one kept case. Every cell of the function × case matrix is stored.
/// </summary>
public sealed class CrossValidateStage(IDbContextFactory<AutoIfDbContext> contextFactory, IVerifierSandbox sandbox, StageProgressReporter progress) : IRunStage
{
    private const int InstructionsPerBatch = 64;

    public PipelineStage Stage => PipelineStage.CrossValidate;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        CrossValidationSettings settings;
        List<int> todo;
        int total;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
            settings = run.Settings.CrossValidation;
            var alive = db.Instructions.Where(i => i.RunId == runId && i.Status == ItemStatus.Pending);
            total = await alive.CountAsync(cancellationToken);
            // Done instructions have decided cases; a crash mid-batch left none decided, so the batch reruns whole.
            todo = await alive.Where(i => !i.TestCases.Any(c => c.Status != ItemStatus.Pending)).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        }
        await progress.StartAsync(runId, Stage, total, cancellationToken);
        var done = total - todo.Count;
        foreach (var batch in todo.Chunk(InstructionsPerBatch))
        {
            await ValidateBatchAsync(batch, settings, cancellationToken);
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        await progress.CompleteAsync(runId, Stage, total, cancellationToken);
    }

    private async Task ValidateBatchAsync(IReadOnlyList<int> instructionIds, CrossValidationSettings settings, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var instructions = await db.Instructions.Where(i => instructionIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var verifiers = (await db.Verifiers.Where(v => instructionIds.Contains(v.InstructionId) && v.Kind == VerifierKind.Python && v.Status != ItemStatus.Dropped).ToListAsync(cancellationToken))
            .ToLookup(v => v.InstructionId);
        var cases = (await db.TestCases.Where(c => instructionIds.Contains(c.InstructionId)).ToListAsync(cancellationToken)).ToLookup(c => c.InstructionId);

        var sources = new List<string>();
        var inputs = new List<string>();
        var calls = new List<VerifierCall>();
        var cells = new List<(Verifier Verifier, TestCase Case)>();
        var eligible = new List<Instruction>();
        foreach (var instruction in instructions)
        {
            var functions = verifiers[instruction.Id].Where(v => v.CompileStatus == CompileStatus.Ok).ToList();
            var instructionCases = cases[instruction.Id].ToList();
            if (functions.Count < settings.MinFunctions)
            {
                Drop(instruction, $"only {functions.Count} compiled distinct functions (needs {settings.MinFunctions})");
                Decide(instructionCases, ItemStatus.Dropped, "instruction has too few functions");
                continue;
            }
            if (instructionCases.Count < settings.MinCases)
            {
                Drop(instruction, $"only {instructionCases.Count} distinct test cases (needs {settings.MinCases})");
                continue;
            }
            eligible.Add(instruction);
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
        var matrix = new Dictionary<(int Verifier, int Case), VerdictKind>();
        for (var i = 0; i < cells.Count; i++)
        {
            var (verifier, testCase) = cells[i];
            matrix[(verifier.Id, testCase.Id)] = results[i].Kind;
            db.CaseResults.Add(new CaseResult { VerifierId = verifier.Id, TestCaseId = testCase.Id, Verdict = results[i].Kind, Detail = results[i].Detail });
        }

        foreach (var instruction in eligible)
        {
            var functions = verifiers[instruction.Id].Where(v => v.CompileStatus == CompileStatus.Ok).ToList();
            var instructionCases = cases[instruction.Id].ToList();
            foreach (var testCase in instructionCases)
            {
                var agree = functions.Count(f => Matches(matrix[(f.Id, testCase.Id)], testCase.Expected));
                testCase.Agreement = (double)agree / functions.Count;
                var kept = testCase.Agreement > settings.CaseAgreement;
                testCase.Status = kept ? ItemStatus.Kept : ItemStatus.Dropped;
                testCase.DropReason = kept ? null : $"only {agree} of {functions.Count} functions return {Format(testCase.Expected)} (needs more than {Percent(settings.CaseAgreement)})";
            }
            var keptCases = instructionCases.Where(c => c.Status == ItemStatus.Kept).ToList();
            foreach (var function in functions)
            {
                var correct = keptCases.Count(c => Matches(matrix[(function.Id, c.Id)], c.Expected));
                function.CaseAccuracy = keptCases.Count == 0 ? 0 : (double)correct / keptCases.Count;
                var kept = function.CaseAccuracy > settings.FunctionAccuracy;
                function.Status = kept ? ItemStatus.Kept : ItemStatus.Dropped;
                function.DropStage = kept ? null : Stage;
                function.DropReason = kept ? null : keptCases.Count == 0
                    ? "no test case was kept for this instruction"
                    : $"right on {correct} of {keptCases.Count} kept cases ({Percent(function.CaseAccuracy.Value)}, needs more than {Percent(settings.FunctionAccuracy)})";
            }
            if (keptCases.Count == 0)
            {
                Drop(instruction, $"no test case has more than {Percent(settings.CaseAgreement)} of the functions agreeing with it");
            }
            else if (functions.All(f => f.Status == ItemStatus.Dropped))
            {
                Drop(instruction, $"no function is right on more than {Percent(settings.FunctionAccuracy)} of the kept cases");
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Drop(Instruction instruction, string reason)
    {
        instruction.Status = ItemStatus.Dropped;
        instruction.DropStage = Stage;
        instruction.DropReason = reason;
    }

    private static void Decide(IEnumerable<TestCase> cases, ItemStatus status, string reason)
    {
        foreach (var testCase in cases)
        {
            testCase.Status = status;
            testCase.DropReason = reason;
        }
    }

    private static bool Matches(VerdictKind verdict, bool expected) =>
        expected ? verdict == VerdictKind.True : verdict == VerdictKind.False;

    private static string Format(bool value) => value ? "True" : "False";

    // "P0" in the invariant culture writes "50 %"; reasons read as English prose, so no space and no culture.
    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");
}
