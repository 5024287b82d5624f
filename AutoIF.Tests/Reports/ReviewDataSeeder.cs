using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Reports;

/// <summary>
/// A small, fully known run for the review pages: one kept instruction with a good, a disagreeing, a non-compiling and
/// an erroring verifier, its matrix, back-translations, responses with verdicts and token use; two dropped instructions;
/// and optionally many filler instructions for paging.
/// </summary>
public static class ReviewDataSeeder
{
    public const string RunName = "demo-run";
    public const string KeptText = "Answer in fewer than 40 words.";
    public const string LetterText = "Do not use the letter e.";
    public const string PsText = "End your answer with a P.S.";
    public const string GoodSource = "def evaluate(response):\n    # fewer than 40 words\n    return len(response.split()) < 40\n";
    public const string ErrorDetail = "ZeroDivisionError: division by zero";

    public static async Task<SeededReviewData> SeedAsync(IDbContextFactory<AutoIfDbContext> contexts, int fillerInstructions = 0, string runName = RunName)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var run = new Run { Name = runName, Settings = new RunSettings(), Status = RunStatus.Completed, IsDemo = true, CreatedAt = now, StartedAt = now, FinishedAt = now };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        db.StageProgress.AddRange(
            new StageProgress { RunId = run.Id, Stage = PipelineStage.Augment, Done = 3, Total = 3, Completed = true, Status = ItemStatus.Kept },
            new StageProgress { RunId = run.Id, Stage = PipelineStage.Verify, Done = 3, Total = 3, Completed = true, Status = ItemStatus.Kept });

        var kept = Instruction(run.Id, KeptText, ItemStatus.Kept, null, null, 0.75);
        var letter = Instruction(run.Id, LetterText, ItemStatus.Dropped, PipelineStage.CrossValidate, "no test case has more than 50% of the functions agreeing with it", null);
        var ps = Instruction(run.Id, PsText, ItemStatus.Dropped, PipelineStage.Consistency, "back-translation 1 contradicts the instruction", null);
        db.Instructions.AddRange(kept, letter, ps);
        for (var i = 0; i < fillerInstructions; i++)
        {
            db.Instructions.Add(Instruction(run.Id, $"Filler instruction number {i:D5}.", i % 2 == 0 ? ItemStatus.Kept : ItemStatus.Dropped,
                i % 2 == 0 ? null : PipelineStage.CrossValidate, i % 2 == 0 ? null : "only 1 compiled distinct functions (needs 3)", i % 2 == 0 ? (i % 10) / 10.0 : null));
        }
        await db.SaveChangesAsync();

        var good = Verifier(run.Id, kept.Id, 0, GoodSource, CompileStatus.Ok, null, 1.0, ItemStatus.Kept, null, null);
        var disagreeing = Verifier(run.Id, kept.Id, 1, "def evaluate(response):\n    return True\n", CompileStatus.Ok, null, 0.5, ItemStatus.Dropped,
            PipelineStage.CrossValidate, "right on 1 of 2 kept cases (50%, needs more than 50%)");
        var broken = Verifier(run.Id, kept.Id, 2, "def evaluate(response)\n    return 'x'\n", CompileStatus.SyntaxError, "invalid syntax (line 1)", null, ItemStatus.Dropped,
            PipelineStage.Compile, "syntax error: invalid syntax (line 1)");
        var erroring = Verifier(run.Id, kept.Id, 3, "def evaluate(response):\n    return len(response) / 0 > 1\n", CompileStatus.Ok, null, 0.0, ItemStatus.Dropped,
            PipelineStage.CrossValidate, "right on 0 of 2 kept cases (0%, needs more than 50%)");
        db.Verifiers.AddRange(good, disagreeing, broken, erroring);
        await db.SaveChangesAsync();

        var shortCase = new TestCase { RunId = run.Id, InstructionId = kept.Id, Input = "A short answer.", Expected = true, Agreement = 0.67, Status = ItemStatus.Kept };
        var longCase = new TestCase { RunId = run.Id, InstructionId = kept.Id, Input = string.Join(' ', Enumerable.Repeat("word", 50)), Expected = false, Agreement = 0.33, Status = ItemStatus.Kept };
        db.TestCases.AddRange(shortCase, longCase);
        await db.SaveChangesAsync();
        db.CaseResults.AddRange(
            new CaseResult { VerifierId = good.Id, TestCaseId = shortCase.Id, Verdict = VerdictKind.True },
            new CaseResult { VerifierId = good.Id, TestCaseId = longCase.Id, Verdict = VerdictKind.False },
            new CaseResult { VerifierId = disagreeing.Id, TestCaseId = shortCase.Id, Verdict = VerdictKind.True },
            new CaseResult { VerifierId = disagreeing.Id, TestCaseId = longCase.Id, Verdict = VerdictKind.True },
            new CaseResult { VerifierId = erroring.Id, TestCaseId = shortCase.Id, Verdict = VerdictKind.Error, Detail = ErrorDetail },
            new CaseResult { VerifierId = erroring.Id, TestCaseId = longCase.Id, Verdict = VerdictKind.Timeout, Detail = "exceeded 5 s" });
        db.BackTranslations.AddRange(
            new BackTranslation { RunId = run.Id, InstructionId = kept.Id, VerifierId = good.Id, Text = "Keep the answer under forty words.", Label = NliLabel.Entailment, IsDemo = true },
            new BackTranslation { RunId = run.Id, InstructionId = ps.Id, Text = "Start the answer with a greeting.", Label = NliLabel.Contradiction, IsDemo = true });

        var query = new Query { RunId = run.Id, Text = "What is the capital of France?", TextHash = "q1", Source = "built-in", Length = 30, Status = ItemStatus.Kept };
        db.Queries.Add(query);
        await db.SaveChangesAsync();
        var prompt = new ComposedPrompt { RunId = run.Id, InstructionId = kept.Id, QueryId = query.Id, Text = "What is the capital of France? Answer in fewer than 40 words.", IsDemo = true };
        db.ComposedPrompts.Add(prompt);
        await db.SaveChangesAsync();
        var responses = new[]
        {
            Response(run.Id, prompt.Id, kept.Id, 0, "Paris is the capital of France.", 1.0, 9, ItemStatus.Kept, null, null),
            Response(run.Id, prompt.Id, kept.Id, 1, string.Join(' ', Enumerable.Repeat("Paris", 45)), 0.0, null, ItemStatus.Dropped, PipelineStage.Verify, "accuracy 0 (0 of 1 verifiers pass), needs more than 0.5"),
            Response(run.Id, prompt.Id, kept.Id, 2, "The capital is Paris, a city on the Seine.", 1.0, 5, ItemStatus.Dropped, PipelineStage.Judge, "judge score 5 below 8"),
        };
        db.Responses.AddRange(responses);
        await db.SaveChangesAsync();
        db.Verdicts.AddRange(
            new Verdict { ResponseId = responses[0].Id, VerifierId = good.Id, Kind = VerdictKind.True },
            new Verdict { ResponseId = responses[1].Id, VerifierId = good.Id, Kind = VerdictKind.False },
            new Verdict { ResponseId = responses[2].Id, VerifierId = good.Id, Kind = VerdictKind.True },
            new Verdict { ResponseId = responses[0].Id, VerifierId = erroring.Id, Kind = VerdictKind.Error, Detail = ErrorDetail });
        db.LlmCalls.AddRange(
            Call(run.Id, PipelineStage.Augment, "h1", 120, 80),
            Call(run.Id, PipelineStage.Verifiers, "h2", 300, 500),
            Call(run.Id, PipelineStage.Verifiers, "h3", 310, 450));
        await db.SaveChangesAsync();
        return new SeededReviewData(run.Id, kept.Id, letter.Id, ps.Id, good.Id, disagreeing.Id, broken.Id, erroring.Id, responses[0].Id);
    }

    private static Instruction Instruction(int runId, string text, ItemStatus status, PipelineStage? stage, string? reason, double? passRate) => new()
    {
        RunId = runId,
        Text = text,
        TextHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
        Origin = InstructionOrigin.Augmented,
        Status = status,
        DropStage = stage,
        DropReason = reason,
        PassRate = passRate,
        IsDemo = true,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static Verifier Verifier(int runId, int instructionId, int sample, string source, CompileStatus compile, string? compileError, double? accuracy,
        ItemStatus status, PipelineStage? stage, string? reason) => new()
    {
        RunId = runId,
        InstructionId = instructionId,
        SampleIndex = sample,
        Source = source,
        SourceHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source))),
        CompileStatus = compile,
        CompileError = compileError,
        CaseAccuracy = accuracy,
        Status = status,
        DropStage = stage,
        DropReason = reason,
        IsDemo = true,
    };

    private static Response Response(int runId, int promptId, int instructionId, int sample, string text, double accuracy, int? judge, ItemStatus status,
        PipelineStage? stage, string? reason) => new()
    {
        RunId = runId,
        PromptId = promptId,
        InstructionId = instructionId,
        SampleIndex = sample,
        Text = text,
        TextHash = $"r{sample}",
        Accuracy = accuracy,
        JudgeScore = judge,
        JudgeRationale = judge is null ? null : $"The response answers the query. Score: {judge}",
        Status = status,
        DropStage = stage,
        DropReason = reason,
        IsDemo = true,
    };

    private static LlmCall Call(int runId, PipelineStage stage, string hash, int prompt, int completion) => new()
    {
        RequestHash = hash + "-" + runId,
        Model = "demo",
        PromptKind = stage.ToString(),
        RequestJson = "{}",
        PromptTokens = prompt,
        CompletionTokens = completion,
        IsDemo = true,
        RunId = runId,
        Stage = stage,
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
