using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Storage;

public class EntityRoundTripTests
{
    [Fact]
    public async Task Every_entity_of_the_pipeline_round_trips_through_a_sqlite_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var settings = RunSettingsEditor.Apply(new RunSettings(), [new("CrossValidation:FunctionAccuracy", "0.8")]);

        await using (var db = database.CreateContext())
        {
            var run = new Run { Name = "round-trip", Settings = settings, Status = RunStatus.Running, CreatedAt = now, IsDemo = true, CurrentStage = PipelineStage.Verify };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            db.StageProgress.Add(new StageProgress { RunId = run.Id, Stage = PipelineStage.Verify, Done = 3, Total = 10, StartedAt = now });
            var instruction = new Instruction { RunId = run.Id, Text = "Answer in lowercase.", TextHash = TextHash.Normalized("Answer in lowercase."), Origin = InstructionOrigin.Augmented, Status = ItemStatus.Dropped, DropStage = PipelineStage.Consistency, DropReason = "contradiction", PassRate = 0.75, ReviewState = ReviewState.Approved, CreatedAt = now };
            db.Instructions.Add(instruction);
            await db.SaveChangesAsync();
            var verifier = new Verifier { RunId = run.Id, InstructionId = instruction.Id, Source = "def evaluate(response):\n    return response.islower()", SourceHash = TextHash.Exact("x"), CompileStatus = CompileStatus.Ok, CaseAccuracy = 1.0, Status = ItemStatus.Kept, SampleIndex = 2 };
            var testCase = new TestCase { RunId = run.Id, InstructionId = instruction.Id, Input = "hello", Expected = true, Agreement = 1.0, Status = ItemStatus.Kept };
            var query = new Query { RunId = run.Id, Text = "How do plants grow?", TextHash = TextHash.Normalized("How do plants grow?"), Source = "built-in", Length = 19 };
            db.AddRange(verifier, testCase, query);
            await db.SaveChangesAsync();
            db.CaseResults.Add(new CaseResult { VerifierId = verifier.Id, TestCaseId = testCase.Id, Verdict = VerdictKind.Timeout, Detail = "took 5 s" });
            db.BackTranslations.Add(new BackTranslation { RunId = run.Id, InstructionId = instruction.Id, VerifierId = verifier.Id, Text = "Write in lowercase.", Label = NliLabel.Entailment });
            var prompt = new ComposedPrompt { RunId = run.Id, InstructionId = instruction.Id, QueryId = query.Id, Text = "How do plants grow? Answer in lowercase.", Round = 1 };
            db.ComposedPrompts.Add(prompt);
            var call = new LlmCall { RequestHash = new string('a', 64), Model = "demo", PromptKind = "Response", RequestJson = "[]", Completion = "ok", PromptTokens = 12, CompletionTokens = 3, LatencyMs = 40, RunId = run.Id, Stage = PipelineStage.Sample, CreatedAt = now };
            db.LlmCalls.Add(call);
            await db.SaveChangesAsync();
            var response = new Response { RunId = run.Id, PromptId = prompt.Id, InstructionId = instruction.Id, Text = "plants need light.", TextHash = TextHash.Exact("plants need light."), Origin = ResponseOrigin.Policy, SampleIndex = 7, Round = 1, Accuracy = 0.5, JudgeScore = 9, JudgeRationale = "fine", Status = ItemStatus.Kept, LlmCallId = call.Id };
            db.Responses.Add(response);
            await db.SaveChangesAsync();
            db.Verdicts.Add(new Verdict { VerifierId = verifier.Id, ResponseId = response.Id, Kind = VerdictKind.NotBool, Detail = "int" });
            db.Reviews.Add(new Review { RunId = run.Id, Target = ReviewTarget.Verifier, TargetId = verifier.Id, Decision = ReviewState.Rejected, Note = "too lax", Reviewer = "ana", AutomaticStatus = ItemStatus.Kept, CreatedAt = now });
            db.DpoPairs.Add(new DpoPair { RunId = run.Id, InstructionId = instruction.Id, Level = PairLevel.Query, PromptId = prompt.Id, ChosenResponseId = response.Id, RejectedResponseId = response.Id, ChosenAccuracy = 1, RejectedAccuracy = 0, Round = 1 });
            db.ExportRecords.Add(new ExportRecord { RunId = run.Id, Kind = "dpo", Format = "trl-dpo", Rows = 1, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var stored = await read.Runs.SingleAsync(r => r.Name == "round-trip");
        Assert.Equal(0.8, stored.Settings.CrossValidation.FunctionAccuracy);
        Assert.Equal(now, stored.CreatedAt);
        Assert.Equal(PipelineStage.Verify, stored.CurrentStage);
        Assert.Equal(3, (await read.StageProgress.SingleAsync()).Done);
        var instructionRead = await read.Instructions.Include(i => i.Verifiers).Include(i => i.TestCases).SingleAsync();
        Assert.Equal(("contradiction", PipelineStage.Consistency, ReviewState.Approved), (instructionRead.DropReason, instructionRead.DropStage, instructionRead.ReviewState));
        Assert.Contains("islower", Assert.Single(instructionRead.Verifiers).Source, StringComparison.Ordinal);
        Assert.True(Assert.Single(instructionRead.TestCases).Expected);
        Assert.Equal(VerdictKind.Timeout, (await read.CaseResults.SingleAsync()).Verdict);
        Assert.Equal(NliLabel.Entailment, (await read.BackTranslations.SingleAsync()).Label);
        Assert.Equal(1, (await read.ComposedPrompts.SingleAsync()).Round);
        var responseRead = await read.Responses.Include(r => r.Prompt).SingleAsync();
        Assert.Equal((9, 0.5, ResponseOrigin.Policy), (responseRead.JudgeScore!.Value, responseRead.Accuracy!.Value, responseRead.Origin));
        Assert.Equal("int", (await read.Verdicts.SingleAsync()).Detail);
        Assert.Equal("too lax", (await read.Reviews.SingleAsync()).Note);
        Assert.Equal(12, (await read.LlmCalls.SingleAsync()).PromptTokens);
        Assert.Equal(PairLevel.Query, (await read.DpoPairs.SingleAsync()).Level);
        Assert.Equal("trl-dpo", (await read.ExportRecords.SingleAsync()).Format);
        // Dates order in SQL, not in memory: SQLite stores them as sortable integers.
        Assert.Single(await read.Runs.Where(r => r.CreatedAt >= now).OrderByDescending(r => r.CreatedAt).ToListAsync());
    }

    [Fact]
    public async Task Deleting_a_run_removes_everything_it_owns()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var run = new Run { Name = "doomed", Settings = new RunSettings(), CreatedAt = DateTimeOffset.UtcNow };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        db.Instructions.Add(new Instruction { RunId = run.Id, Text = "x", TextHash = "x", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();

        await db.Runs.Where(r => r.Id == run.Id).ExecuteDeleteAsync();

        Assert.Equal(0, await db.Instructions.CountAsync());
    }
}
