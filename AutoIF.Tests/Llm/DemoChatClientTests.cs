using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Demo;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Seeds;

namespace AutoIF.Tests.Llm;

public sealed class DemoChatClientTests
{
    private static readonly PromptTemplates Templates = PromptTemplates.Default;

    private static LlmRequest Request(PromptKind kind, string prompt, int sample = 0) =>
        new() { Kind = kind, Messages = [LlmMessage.User(prompt)], SampleIndex = sample, RunId = 1 };

    [Fact]
    public void The_fixture_has_working_and_deliberately_flawed_instructions()
    {
        var fixture = new DemoChatClient().Fixture;

        Assert.True(fixture.Instructions.Count >= 24);
        Assert.All(fixture.Instructions, i =>
        {
            Assert.True(i.Verifiers.Count >= 3, i.Instruction);
            Assert.All(i.Verifiers, v => Assert.True(v.Cases.Count >= 3, i.Instruction));
            Assert.Equal(i.Verifiers.Count, i.Verifiers.Select(v => v.Func).Distinct().Count());
            Assert.True(i.Responses.Count >= 2, i.Instruction);
            Assert.NotEmpty(i.BackTranslations);
        });
        Assert.Equal(
            ["always-true", "back-translation-contradicts", "cases-disagree", "cases-disagree", "missing-evaluate", "syntax-error"],
            fixture.Instructions.Where(i => i.Flaw is not null).Select(i => i.Flaw!).Order(StringComparer.Ordinal));
        Assert.Contains(fixture.Instructions, i => !i.Seed);
        // Back-translation finds the instruction by its code, so no two instructions may share a function.
        var sources = fixture.Instructions.SelectMany(i => i.Verifiers).Select(v => v.Func.Trim()).ToList();
        Assert.Equal(sources.Count, sources.Distinct().Count());
        Assert.Contains(fixture.Judgements, j => j.Score < 8);
        Assert.Contains(fixture.Judgements, j => j.Score >= 8);
    }

    [Fact]
    public void The_fixture_knows_seeds_of_both_built_in_sets_so_a_demo_run_on_either_keeps_some()
    {
        var fixture = new DemoChatClient().Fixture;
        var seeds = fixture.Instructions.Where(i => i.Seed).ToList();

        var sets = SeedSets.BuiltIn.ToDictionary(set => set, set => BuiltInSeeds.Load(set).ToHashSet(StringComparer.Ordinal));
        Assert.All(seeds, s => Assert.True(sets.Values.Any(set => set.Contains(s.Instruction)), $"not a built-in seed: {s.Instruction}"));
        foreach (var (set, texts) in sets)
        {
            var known = seeds.Where(s => texts.Contains(s.Instruction)).ToList();
            Assert.True(known.Count(s => s.Flaw is null) >= 12, $"{set}: {known.Count} seeds known");
            Assert.Contains(known, s => s.Flaw is not null);
        }
    }

    [Fact]
    public async Task Demo_mode_answers_every_prompt_kind_in_a_parseable_shape()
    {
        using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var gateway = host.Gateway;
        var fixture = new DemoChatClient().Fixture;

        var augment = await gateway.CompleteAndParseAsync(Request(PromptKind.Augment, Templates.Augment(["Answer in fewer than 50 words."], 10).Text), InstructionListParser.Parse);
        Assert.True(augment.Succeeded);
        Assert.True(augment.Result.IsDemo);

        foreach (var instruction in fixture.Instructions)
        {
            for (var sample = 0; sample < 3; sample++)
            {
                var verifier = await gateway.CompleteAndParseAsync(Request(PromptKind.Verifier, Templates.Verifier(instruction.Instruction).Text, sample), VerifierJsonParser.Parse);
                Assert.True(verifier.Succeeded, verifier.Parse?.Error);
                Assert.Equal(instruction.Verifiers[sample].Func, verifier.Value!.Func);
                Assert.Equal(instruction.Verifiers[sample].Cases.Select(c => c.Output), verifier.Value.Cases.Select(c => c.Expected));

                var back = await gateway.CompleteAndParseAsync(Request(PromptKind.BackTranslation, Templates.BackTranslation(verifier.Value.Func).Text, sample), BackTranslationParser.Parse);
                Assert.True(back.Succeeded, back.Parse?.Error);
                var nli = await gateway.CompleteAndParseAsync(Request(PromptKind.Nli, Templates.Nli(instruction.Instruction, back.Value![0]).Text), NliLabelParser.Parse);
                Assert.True(nli.Succeeded, nli.Parse?.Error);
                var expected = instruction.Flaw == "back-translation-contradicts" ? NliLabel.Contradiction : NliLabel.Entailment;
                Assert.True(expected == nli.Value, $"{instruction.Instruction} / sample {sample} / back '{back.Value[0]}' / {nli.Result.Text}");
            }
            var prompt = PromptComposer.Compose("How can I sleep better?", instruction.Instruction);
            var responses = new HashSet<string>();
            for (var sample = 0; sample < 8; sample++)
            {
                var response = await gateway.CompleteAsync(Request(PromptKind.Response, prompt, sample));
                Assert.Contains(response.Text, instruction.Responses);
                responses.Add(response.Text);
                var judge = await gateway.CompleteAndParseAsync(Request(PromptKind.Judge, Templates.Judge("How can I sleep better?", instruction.Instruction, response.Text).Text, sample), JudgeScoreParser.Parse);
                Assert.True(judge.Succeeded, judge.Parse?.Error);
            }
            Assert.True(responses.Count >= 2, $"responses vary for {instruction.Instruction}");
        }
        Assert.All(host.Store.Calls, c => Assert.True(c.IsDemo));
        Assert.DoesNotContain(host.Store.Calls, c => c.ParseFailed);
    }

    [Fact]
    public async Task The_demo_is_deterministic_per_prompt_and_sample()
    {
        using var demo = new DemoChatClient();
        var prompt = PromptComposer.Compose("Explain photosynthesis.", "Answer in fewer than 50 words.");
        var options = new Microsoft.Extensions.AI.ChatOptions { AdditionalProperties = new() { [DemoChatClient.SampleIndexProperty] = 3 } };

        var first = await demo.GetResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, prompt)], options);
        var second = await demo.GetResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, prompt)], options);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Unknown_instructions_fall_back_sensibly()
    {
        using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        const string unknown = "Write like a pirate who loves astronomy.";

        var verifier = await host.Gateway.CompleteAndParseAsync(Request(PromptKind.Verifier, Templates.Verifier(unknown).Text), VerifierJsonParser.Parse);
        var response = await host.Gateway.CompleteAsync(Request(PromptKind.Response, PromptComposer.Compose("What is a comet?", unknown)));
        var nli = await host.Gateway.CompleteAndParseAsync(Request(PromptKind.Nli, Templates.Nli(unknown, "Use many words.").Text), NliLabelParser.Parse);

        Assert.False(verifier.Succeeded);
        Assert.True(Assert.Single(host.Store.Calls, c => c.Id == verifier.Result.CallId).ParseFailed);
        Assert.Contains(response.Text, new DemoChatClient().Fixture.GenericResponses);
        Assert.Equal(NliLabel.Neutral, nli.Value);
    }

    [Theory]
    [InlineData("Write in all capital letters.", "Write your entire response in lowercase letters.", false)]
    [InlineData("Answer in fewer than 50 words.", "Write at least 300 words.", false)]
    [InlineData("Answer in fewer than 50 words.", "Write at least 3 sentences.", true)]
    [InlineData("Mention the word apple.", "Write in all capital letters.", true)]
    public async Task The_demo_model_answers_the_compatibility_question_no_only_for_an_evident_conflict(string first, string second, bool expected)
    {
        var demo = new DemoChatClient();
        var prompt = Templates.Compatibility(first, second).Text;

        var answer = await demo.GetResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, prompt)]);

        Assert.Equal(PromptKind.Compatibility, DemoChatClient.Recognise(prompt));
        var parsed = YesNoParser.Parse(answer.Text);
        Assert.True(parsed.Success, answer.Text);
        Assert.Equal(expected, parsed.Value);
    }

    [Fact]
    public async Task The_demo_model_writes_a_question_for_a_known_instruction_and_answers_it_on_that_instruction_s_cases_as_they_say()
    {
        var demo = new DemoChatClient();
        var instruction = demo.Fixture.Instructions[0];
        var questionsPrompt = Templates.Questions(instruction.Instruction).Text;

        var questions = QuestionListParser.ParseTolerant((await demo.GetResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, questionsPrompt)])).Text);

        Assert.Equal(PromptKind.Questions, DemoChatClient.Recognise(questionsPrompt));
        Assert.True(questions.Success, questions.Error);
        var question = Assert.Single(questions.Value!.Questions);
        Assert.Equal(instruction.Verifiers[0].Cases.Select(c => (c.Input, c.Output)), questions.Value.Cases.Select(c => (c.Input, c.Expected)));
        foreach (var testCase in instruction.Verifiers.SelectMany(v => v.Cases))
        {
            var verdictPrompt = Templates.QuestionVerdict(question, testCase.Input).Text;
            var answer = YesNoParser.Parse((await demo.GetResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, verdictPrompt)])).Text);
            Assert.Equal(PromptKind.QuestionVerdict, DemoChatClient.Recognise(verdictPrompt));
            Assert.True(answer.Success);
            Assert.Equal(testCase.Output, answer.Value);
        }
    }
}
