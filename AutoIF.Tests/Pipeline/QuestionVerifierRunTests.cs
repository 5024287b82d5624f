using System.Text.Json;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Rewards;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// Question verifiers (issue #15, decision 034) end to end on real SQLite, the real sandbox and the fake model: a soft
/// instruction no program can check is kept by its question alone and decides its responses by it, a coded one keeps its
/// functions' decision, an answer that is neither yes nor no is an <c>error</c> verdict, a clone is answered from the
/// cache, and a code-only run sends no question at all.
/// </summary>
public partial class QuestionVerifierRunTests
{
    private const string Formal = "Write in a formal tone.";
    private const string Apple = "Mention the word apple.";
    private const string FormalQuestion = "Is the response written in a formal tone?";
    private const string AppleQuestion = "Is the response short and about an apple?";
    private const string FormalReply = "Dear colleagues, we regret to inform you that the meeting is postponed.";
    private const string CasualReply = "yo the meeting is off lol";
    private const string UnclearReply = "The meeting moves to Friday.";
    private const string LongAppleReply = "I ate an apple today at the long table in the hall with friends.";

    private static readonly (string Key, string Value)[] QuestionSettings =
        [("Verifiers:Kinds", "code,question"), ("Verifiers:Samples", "1"), ("CrossValidation:MinFunctions", "1")];

    [Fact]
    public async Task A_soft_instruction_is_kept_by_its_question_alone_and_its_question_decides_its_responses()
    {
        await using var harness = await PipelineHarness.StartAsync();
        Script(harness.Server);
        var run = await harness.CreateRunAsync([.. QuestionSettings, ("CrossValidation:FunctionAccuracy", "0.7")]);
        var formal = await harness.AddInstructionAsync(run, Formal);
        var apple = await harness.AddInstructionAsync(run, Apple);

        foreach (var stage in new[] { PipelineStage.Verifiers, PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.BackTranslate, PipelineStage.Consistency })
        {
            await harness.RunStageAsync(stage, run);
        }

        await using (var db = harness.CreateContext())
        {
            // No program checks tone: the instruction has no function, yet its question matched all three cases written with it.
            var soft = await db.Instructions.SingleAsync(i => i.Id == formal);
            Assert.Equal((ItemStatus.Kept, null), (soft.Status, soft.DropReason));
            Assert.False(await db.Verifiers.AnyAsync(v => v.InstructionId == formal && v.Kind == VerifierKind.Python));
            var question = await db.Verifiers.SingleAsync(v => v.InstructionId == formal);
            Assert.Equal((VerifierKind.LlmQuestion, FormalQuestion, ItemStatus.Kept, 1.0), (question.Kind, question.Source, question.Status, question.CaseAccuracy));
            Assert.Equal(3, await db.CaseResults.CountAsync(c => c.VerifierId == question.Id));
            Assert.Equal(3, await db.TestCases.CountAsync(c => c.InstructionId == formal && c.Status == ItemStatus.Kept));
            // The coded instruction keeps its function; its question, wrong on the long case, is dropped by the functions' threshold.
            Assert.Equal(ItemStatus.Kept, await db.Instructions.Where(i => i.Id == apple).Select(i => i.Status).SingleAsync());
            var appleQuestion = await db.Verifiers.SingleAsync(v => v.InstructionId == apple && v.Kind == VerifierKind.LlmQuestion);
            Assert.Equal((ItemStatus.Dropped, "the model's answers match 2 of 3 test cases (67%, needs more than 70%)"), (appleQuestion.Status, appleQuestion.DropReason));
        }

        var formalPrompt = await harness.AddPromptAsync(run, formal, "Tell the team the meeting is postponed. " + Formal);
        var formalKept = await harness.AddResponseAsync(run, formalPrompt, FormalReply, 0);
        var formalDropped = await harness.AddResponseAsync(run, formalPrompt, CasualReply, 1);
        var unclear = await harness.AddResponseAsync(run, formalPrompt, UnclearReply, 2);
        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using (var db = harness.CreateContext())
        {
            var responses = await db.Responses.Where(r => r.RunId == run).ToDictionaryAsync(r => r.Id);
            Assert.Equal((ItemStatus.Pending, 1.0), (responses[formalKept].Status, responses[formalKept].Accuracy));
            Assert.Equal((ItemStatus.Dropped, 0.0), (responses[formalDropped].Status, responses[formalDropped].Accuracy));
            // Neither yes nor no: an error verdict with the answer, not counted, so nothing passes.
            var verdict = await db.Verdicts.SingleAsync(v => v.ResponseId == unclear);
            Assert.Equal(VerdictKind.Error, verdict.Kind);
            Assert.Contains("neither yes nor no: Perhaps; the tone is hard to judge.", verdict.Detail, StringComparison.Ordinal);
            Assert.Equal(ItemStatus.Dropped, responses[unclear].Status);
            Assert.StartsWith("accuracy 0 (0 of 0 verifiers pass; 1 verifier(s) errored", responses[unclear].DropReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_coded_constraint_is_decided_by_its_functions_while_its_kept_question_is_asked_and_stored()
    {
        await using var harness = await PipelineHarness.StartAsync();
        Script(harness.Server);
        var run = await harness.CreateRunAsync([.. QuestionSettings, ("CrossValidation:FunctionAccuracy", "0.6")]);
        var apple = await harness.AddInstructionAsync(run, Apple);
        foreach (var stage in new[] { PipelineStage.Verifiers, PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.BackTranslate, PipelineStage.Consistency })
        {
            await harness.RunStageAsync(stage, run);
        }
        var prompt = await harness.AddPromptAsync(run, apple, "Describe lunch. " + Apple);
        var response = await harness.AddResponseAsync(run, prompt, LongAppleReply, 0);

        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var verdicts = await db.Verdicts.Where(v => v.ResponseId == response).Join(db.Verifiers, v => v.VerifierId, f => f.Id, (v, f) => new { f.Kind, Verdict = v.Kind }).ToListAsync();
        // The question (kept at 67% > 60%) says no to the long reply; the function says yes and alone makes the accuracy.
        Assert.Equal([(VerifierKind.Python, VerdictKind.True), (VerifierKind.LlmQuestion, VerdictKind.False)],
            verdicts.OrderBy(v => v.Kind).Select(v => (v.Kind, v.Verdict)));
        var stored = await db.Responses.SingleAsync(r => r.Id == response);
        Assert.Equal((ItemStatus.Pending, 1.0), (stored.Status, stored.Accuracy));
    }

    [Fact]
    public async Task A_clone_of_the_run_gets_every_question_and_verdict_from_the_cache()
    {
        await using var harness = await PipelineHarness.StartAsync();
        Script(harness.Server);
        var source = await harness.CreateRunAsync(QuestionSettings);
        var first = await RunQuestionStagesAsync(harness, source);
        var asked = harness.Server.ChatRequestCount;
        Assert.True(harness.Server.Requests.Count(r => r.LastUserMessage.Contains("answer a yes/no question about it", StringComparison.Ordinal)) >= 4);

        var sourceName = await NameAsync(harness, source);
        var clone = await harness.Get<RunService>().CloneAsync(sourceName, sourceName + "-clone", []);
        var second = await RunQuestionStagesAsync(harness, clone.Id);

        Assert.Equal(asked, harness.Server.ChatRequestCount);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_reward_service_scores_a_soft_constraint_by_its_question_only_with_Reward_Questions(bool questions)
    {
        await using var harness = await PipelineHarness.StartAsync();
        Script(harness.Server);
        var run = await harness.CreateRunAsync(QuestionSettings);
        var formal = await harness.AddInstructionAsync(run, Formal);
        foreach (var stage in new[] { PipelineStage.Verifiers, PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.BackTranslate, PipelineStage.Consistency })
        {
            await harness.RunStageAsync(stage, run);
        }
        using var cache = new RewardRunCache(harness.Get<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>(),
            Microsoft.Extensions.Options.Options.Create(new RewardOptions { Questions = questions }), TimeProvider.System);
        var set = await cache.GetAsync(await NameAsync(harness, run), CancellationToken.None);
        var asked = harness.Server.ChatRequestCount;

        var scores = await RewardBatcher.EvaluateAsync(
            [new RewardRollout(set, [formal], ModelAnswer.Split(FormalReply)), new RewardRollout(set, [formal], ModelAnswer.Split(CasualReply))],
            harness.Get<AutoIF.Core.Sandbox.IVerifierSandbox>(), CancellationToken.None, harness.Get<AutoIF.Core.Verifiers.QuestionAsker>());

        // On: the formal reply passes and the casual one fails, by the model's answers (two calls). Off: no verifier, both fail, no call.
        Assert.Equal(questions ? [true, false] : [false, false], scores.Select(s => Assert.Single(s.Constraints).Passed));
        Assert.Equal(questions ? 2 : 0, harness.Server.ChatRequestCount - asked);
        // What /api/reward/score reports as the deciding kind: the question's verdicts, or none without Reward:Questions.
        Assert.All(scores, s => Assert.Equal(questions ? [VerifierKind.LlmQuestion] : [], Assert.Single(s.Constraints).Verdicts.Select(v => v.Kind)));
    }

    [Fact]
    public async Task Under_the_scripts_profile_a_questions_answer_is_read_strictly_so_a_numbered_list_gives_no_question_and_a_json_block_its_questions()
    {
        await using var harness = await PipelineHarness.StartAsync();
        Script(harness.Server);
        var run = await harness.CreateRunAsync([("Profile", "scripts"), .. QuestionSettings]);
        var formal = await harness.AddInstructionAsync(run, Formal);
        var apple = await harness.AddInstructionAsync(run, Apple);

        await harness.RunStageAsync(PipelineStage.Verifiers, run);

        await using var db = harness.CreateContext();
        // The formal answer is a ```json block: its question is stored. The apple answer, "1. Is …?", is only read tolerantly.
        Assert.Equal([FormalQuestion], await db.Verifiers.Where(v => v.InstructionId == formal && v.Kind == VerifierKind.LlmQuestion).Select(v => v.Source).ToListAsync());
        Assert.False(await db.Verifiers.AnyAsync(v => v.InstructionId == apple && v.Kind == VerifierKind.LlmQuestion));
        Assert.Contains(harness.Server.Requests, r => r.LastUserMessage.Contains("Write yes/no questions", StringComparison.Ordinal) && r.LastUserMessage.Contains(Apple, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_only_run_asks_no_question_and_stores_no_question_verifier()
    {
        await using var harness = await PipelineHarness.StartAsync();
        Script(harness.Server);
        var run = await harness.CreateRunAsync(("Verifiers:Samples", "1"), ("CrossValidation:MinFunctions", "1"));
        var formal = await harness.AddInstructionAsync(run, Formal);
        var apple = await harness.AddInstructionAsync(run, Apple);
        await harness.RunStageAsync(PipelineStage.Verifiers, run);
        await harness.RunStageAsync(PipelineStage.Compile, run);
        await harness.RunStageAsync(PipelineStage.CrossValidate, run);

        Assert.DoesNotContain(harness.Server.Requests, r => r.LastUserMessage.Contains("yes/no question", StringComparison.Ordinal));
        await using var db = harness.CreateContext();
        Assert.False(await db.Verifiers.AnyAsync(v => v.RunId == run && v.Kind == VerifierKind.LlmQuestion));
        Assert.Equal(ItemStatus.Dropped, await db.Instructions.Where(i => i.Id == formal).Select(i => i.Status).SingleAsync());
        Assert.Equal(ItemStatus.Pending, await db.Instructions.Where(i => i.Id == apple).Select(i => i.Status).SingleAsync());
    }

    /// <summary>Both instructions through verification; what a user sees of the questions: their verdicts on cases and responses.</summary>
    private static async Task<List<string>> RunQuestionStagesAsync(PipelineHarness harness, int run)
    {
        var formal = await harness.AddInstructionAsync(run, Formal);
        await harness.AddInstructionAsync(run, Apple);
        foreach (var stage in new[] { PipelineStage.Verifiers, PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.BackTranslate, PipelineStage.Consistency })
        {
            await harness.RunStageAsync(stage, run);
        }
        var prompt = await harness.AddPromptAsync(run, formal, "Tell the team. " + Formal);
        await harness.AddResponseAsync(run, prompt, FormalReply, 0);
        await harness.AddResponseAsync(run, prompt, CasualReply, 1);
        await harness.RunStageAsync(PipelineStage.Verify, run);
        await using var db = harness.CreateContext();
        var questions = db.Verifiers.Where(v => v.RunId == run && v.Kind == VerifierKind.LlmQuestion);
        var onCases = await db.CaseResults.Join(questions, c => c.VerifierId, q => q.Id, (c, q) => new { q.Source, c.TestCaseId, c.Verdict })
            .Join(db.TestCases, x => x.TestCaseId, t => t.Id, (x, t) => new { x.Source, t.Input, x.Verdict }).ToListAsync();
        var onResponses = await db.Verdicts.Join(questions, v => v.VerifierId, q => q.Id, (v, q) => new { q.Source, v.ResponseId, v.Kind })
            .Join(db.Responses, x => x.ResponseId, r => r.Id, (x, r) => new { x.Source, r.Text, x.Kind, r.Status }).ToListAsync();
        return [.. onCases.Select(c => $"case {c.Source} | {c.Input} | {c.Verdict}").Concat(onResponses.Select(v => $"response {v.Source} | {v.Text} | {v.Kind} | {v.Status}")).Order(StringComparer.Ordinal)];
    }

    private static async Task<string> NameAsync(PipelineHarness harness, int run)
    {
        await using var db = harness.CreateContext();
        return await db.Runs.Where(r => r.Id == run).Select(r => r.Name).SingleAsync();
    }

    /// <summary>
    /// The model: no program for tone; an apple function; questions with cases; yes/no by rules a reader can check — formal
    /// texts open with "Dear" or "We", the apple question wants "apple" in fewer than 40 characters, and one text is unclear.
    /// </summary>
    private static void Script(FakeOpenAiServer server)
    {
        server.Responder = prompt =>
        {
            if (prompt.Contains("Read the response below and answer a yes/no question about it", StringComparison.Ordinal))
            {
                var question = QuestionLine().Match(prompt).Groups[1].Value;
                var text = ResponseBlock().Match(prompt).Groups[1].Value;
                if (text == UnclearReply)
                {
                    return FakeReply.Answer("Perhaps; the tone is hard to judge.");
                }
                var yes = question == FormalQuestion
                    ? text.StartsWith("Dear", StringComparison.Ordinal) || text.StartsWith("We ", StringComparison.Ordinal)
                    : text.Contains("apple", StringComparison.Ordinal) && text.Length < 40;
                return FakeReply.Answer(yes ? "Answer: yes" : "Reasoning first.\nAnswer: no");
            }
            if (prompt.Contains("Write yes/no questions", StringComparison.Ordinal))
            {
                return FakeReply.Answer(prompt.Contains(Formal, StringComparison.Ordinal)
                    ? "```json\n" + JsonSerializer.Serialize(new
                    {
                        questions = new[] { FormalQuestion },
                        cases = new object[]
                        {
                            new { input = "Dear Sir, I write to confirm the schedule.", output = true },
                            new { input = "hey whats up, cool schedule", output = false },
                            new { input = "We respectfully request your attendance.", output = true },
                        },
                    }) + "\n```"
                    : "1. " + AppleQuestion);
            }
            if (prompt.Contains("Write a function that checks", StringComparison.Ordinal))
            {
                return FakeReply.Answer(prompt.Contains(Formal, StringComparison.Ordinal)
                    ? "Tone cannot be checked by a program."
                    : VerifierAnswers.Json("def evaluate(response):\n    return 'apple' in response\n",
                        ("An apple a day.", true), ("Nothing here.", false), ("I picked a red apple from the old tree by the river bank.", true)));
            }
            if (prompt.Contains("State, as one instruction", StringComparison.Ordinal))
            {
                return FakeReply.Answer("Instruction: " + Apple);
            }
            if (prompt.Contains("Decide the logical relation", StringComparison.Ordinal))
            {
                return FakeReply.Answer("Label: entailment");
            }
            return null;
        };
    }

    [GeneratedRegex(@"^Question: (.+)$", RegexOptions.Multiline)]
    private static partial Regex QuestionLine();

    [GeneratedRegex("Response:\n\"\"\"\n(.*)\n\"\"\"", RegexOptions.Singleline)]
    private static partial Regex ResponseBlock();
}
