using System.Globalization;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Cross-validation of question verifiers (decision 034), after the functions of the same instructions were decided.
/// A question is cross-validated like a function: the model's yes/no on each case (<see cref="QuestionAsker"/>) is a
/// cell of the matrix, and the question is kept when its accuracy passes CrossValidation:FunctionAccuracy by
/// FunctionAccuracyRule. An instruction a function survived checks its questions on the cases the functions kept. One
/// none survived (dropped here for a code reason) has no case the functions vouch for: with Verifiers:QuestionFallback
/// its questions are checked on every case written for it, and when one is kept (and CrossValidation:MinCases cases
/// exist) the instruction goes on as a soft constraint, its cases decided by the kept questions' agreement
/// (CaseAgreement by CaseAgreementRule).
/// </summary>
public sealed class QuestionCrossValidator(QuestionAsker asker)
{
    /// <summary>Decides the questions of <paramref name="instructions"/>, tracked in <paramref name="db"/>; the caller saves.</summary>
    public async Task ValidateAsync(AutoIfDbContext db, int runId, IReadOnlyList<Instruction> instructions, ILookup<int, TestCase> cases, RunSettings settings, CancellationToken cancellationToken)
    {
        var rules = settings.CrossValidation;
        var fallback = settings.Verifiers.QuestionFallback;
        var ids = instructions.Select(i => i.Id).ToList();
        var questions = (await db.Verifiers.Where(v => ids.Contains(v.InstructionId) && v.Kind == VerifierKind.LlmQuestion && v.Status == ItemStatus.Pending)
            .OrderBy(v => v.Id).ToListAsync(cancellationToken)).ToLookup(v => v.InstructionId);
        var work = new List<(Instruction Instruction, bool Soft, List<TestCase> Pool)>();
        foreach (var instruction in instructions.Where(i => questions[i.Id].Any()))
        {
            if (instruction.Status == ItemStatus.Pending)
            {
                work.Add((instruction, false, [.. cases[instruction.Id].Where(c => c.Status == ItemStatus.Kept).OrderBy(c => c.Id)]));
            }
            else if (fallback && instruction.DropStage == PipelineStage.CrossValidate)
            {
                var written = cases[instruction.Id].Where(c => !c.IsSelfTest && c.DropReasonCode != DropReasons.DuplicateCase.Code).OrderBy(c => c.Id)
                    .DistinctBy(c => (c.Input, ExpectedOutput.Key(c.Expected, c.ExpectedJson))).ToList();
                work.Add((instruction, true, written));
            }
        }
        var asked = work.SelectMany(w => questions[w.Instruction.Id].SelectMany(q => w.Pool.Select(c => (Question: q, Case: c)))).ToList();
        var verdicts = asked.Count == 0 ? [] : await asker.AskAllAsync(runId, PipelineStage.CrossValidate, [.. asked.Select(a => (a.Question.Source, a.Case.Input))], cancellationToken);
        var matches = new Dictionary<(int Question, int Case), bool>();
        for (var i = 0; i < asked.Count; i++)
        {
            var (question, testCase) = asked[i];
            matches[(question.Id, testCase.Id)] = verdicts[i].Kind == (testCase.Expected ? VerdictKind.True : VerdictKind.False);
            db.CaseResults.Add(new CaseResult { VerifierId = question.Id, TestCaseId = testCase.Id, Verdict = verdicts[i].Kind, Detail = verdicts[i].Detail });
        }

        var accuracyRule = rules.FunctionAccuracyRule.Describe(Percent(rules.FunctionAccuracy));
        foreach (var (instruction, soft, pool) in work)
        {
            foreach (var question in questions[instruction.Id])
            {
                var correct = pool.Count(c => matches[(question.Id, c.Id)]);
                question.CaseAccuracy = pool.Count == 0 ? 0 : (double)correct / pool.Count;
                var kept = pool.Count > 0 && rules.FunctionAccuracyRule.Passes(question.CaseAccuracy.Value, rules.FunctionAccuracy);
                question.Status = kept ? ItemStatus.Kept : ItemStatus.Dropped;
                question.DropStage = kept ? null : PipelineStage.CrossValidate;
                question.SetDropReason(kept ? null : pool.Count == 0 ? DropReasons.NoKeptCase.With()
                    : DropReasons.QuestionInaccurate.With(Number(correct), Number(pool.Count), Percent(question.CaseAccuracy.Value), accuracyRule));
            }
            var keptQuestions = questions[instruction.Id].Where(q => q.Status == ItemStatus.Kept).ToList();
            if (soft && keptQuestions.Count > 0 && pool.Count >= rules.MinCases)
            {
                Carry(instruction, keptQuestions, pool, matches, rules);
            }
        }
    }

    /// <summary>The instruction goes on as a soft constraint; each written case is kept when enough of the kept questions agree with it.</summary>
    private static void Carry(Instruction instruction, List<Verifier> keptQuestions, List<TestCase> pool, Dictionary<(int, int), bool> matches, CrossValidationSettings rules)
    {
        instruction.Status = ItemStatus.Pending;
        instruction.DropStage = null;
        instruction.SetDropReason(null);
        var caseRule = rules.CaseAgreementRule.Describe(Percent(rules.CaseAgreement));
        foreach (var testCase in pool)
        {
            var agree = keptQuestions.Count(q => matches[(q.Id, testCase.Id)]);
            testCase.Agreement = (double)agree / keptQuestions.Count;
            var kept = rules.CaseAgreementRule.Passes(testCase.Agreement.Value, rules.CaseAgreement);
            testCase.Status = kept ? ItemStatus.Kept : ItemStatus.Dropped;
            testCase.SetDropReason(kept ? null : DropReasons.QuestionCaseDisagreed.With(Number(agree), Number(keptQuestions.Count), testCase.Expected ? "True" : "False", caseRule));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");
}
