using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Import;

public class ReferenceImportTests
{
    private const string Under50 = "Answer in fewer than 50 words.";
    private const string Lowercase = "Write your entire answer in lowercase letters.";
    private const string F1 = "def evaluate(response):\n    return len(response.split()) < 50\n";
    private const string F2 = "def evaluate(response: str) -> bool:\n    words = response.split()\n    return len(words) < 50\n";

    [Fact]
    public async Task Eval_func_file_stores_one_verifier_per_readable_answer_with_its_cases_and_reports_unreadable_answers()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.EvalFunc, "eval_func_rft.jsonl");

        Assert.Equal((3, 4, 9, 0, 0, 0, 0), (result.Instructions, result.Verifiers, result.TestCases, result.BackTranslations, result.Prompts, result.Responses, result.Skipped));
        Assert.Equal(["line 1: answer 3 unreadable: No JSON object found"], result.Warnings);
        await using var db = database.CreateContext();
        var instructions = await db.Instructions.Include(i => i.Verifiers).Include(i => i.TestCases).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([Under50, Lowercase, "End your response with a P.S."], instructions.Select(i => i.Text));
        Assert.All(instructions, i => Assert.Equal((InstructionOrigin.Imported, ItemStatus.Pending, TextHash.Normalized(i.Text)), (i.Origin, i.Status, i.TextHash)));

        var under50 = instructions[0];
        var verifiers = under50.Verifiers.OrderBy(v => v.SampleIndex).ToList();
        Assert.Equal([0, 1], verifiers.Select(v => v.SampleIndex));
        Assert.Equal([F1, F2], verifiers.Select(v => v.Source));
        Assert.All(verifiers, v => Assert.Equal((CompileStatus.Unchecked, ItemStatus.Pending, TextHash.Exact(v.Source), (double?)null), (v.CompileStatus, v.Status, v.SourceHash, v.CaseAccuracy)));
        // "Short answer." came with both answers: stored once, with the verifier that brought it first.
        var cases = under50.TestCases.OrderBy(c => c.Id).Select(c => (c.Input, c.Expected, c.VerifierId, c.Status)).ToList();
        Assert.Equal(
            [("Short answer.", true, verifiers[0].Id, ItemStatus.Pending), (string.Join(' ', Enumerable.Repeat("word", 60)), false, verifiers[0].Id, ItemStatus.Pending),
             ("Two words.", true, verifiers[0].Id, ItemStatus.Pending), ("one two three", true, verifiers[1].Id, ItemStatus.Pending)],
            cases);

        // Two answers with the same function (one bare JSON with Python literals, one fenced) make one verifier.
        var lowercase = instructions[1];
        Assert.Equal(0, Assert.Single(lowercase.Verifiers).SampleIndex);
        Assert.Equal(
            [("all lowercase here", true), ("Not Lowercase", false), ("UPPER", false)],
            lowercase.TestCases.OrderBy(c => c.Id).Select(c => (c.Input, c.Expected)));
    }

    [Fact]
    public async Task Eval_func_import_creates_the_run_and_marks_seeds_augment_and_verifiers_completed()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.EvalFunc, "eval_func_rft.jsonl", run: "from scripts");

        await using var db = database.CreateContext();
        var run = await db.Runs.SingleAsync();
        Assert.Equal(("from scripts", RunStatus.Draft, false, run.Id), (run.Name, run.Status, run.IsDemo, result.RunId));
        var stages = await db.StageProgress.Where(p => p.RunId == run.Id).OrderBy(p => p.Stage).ToListAsync();
        Assert.Equal([PipelineStage.Seeds, PipelineStage.Augment, PipelineStage.Verifiers], stages.Select(s => s.Stage));
        Assert.All(stages, s => Assert.Equal((true, ItemStatus.Kept, "imported from eval_func_rft.jsonl"), (s.Completed, s.Status, s.Message)));
        Assert.Equal([(3, 3), (3, 3), (4, 4)], stages.Select(s => (s.Done, s.Total)));
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing_and_reports_what_was_already_present()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await database.ImportFixtureAsync(ImportFormats.QueryRft, "query_rft.jsonl");
        var before = await database.CountAsync();

        var again = await database.ImportFixtureAsync(ImportFormats.QueryRft, "query_rft.jsonl");

        Assert.Equal(before, await database.CountAsync());
        Assert.Equal((0, 0, 0, 0, 0, 0), (again.Instructions, again.Verifiers, again.TestCases, again.Prompts, again.Responses, again.Queries));
        // 2 queries + 2 instructions + 3 verifiers + 3 cases + 3 prompts + 7 responses.
        Assert.Equal(20, again.Skipped);
        Assert.Contains("20 already present", again.Warnings);
    }

    [Fact]
    public async Task Back_trans_file_stores_kept_verifiers_with_accuracy_and_pairs_back_translations_only_when_counts_match()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.BackTrans, "back_trans.jsonl");

        Assert.Equal((2, 3, 5, 4, 0, 0), (result.Instructions, result.Verifiers, result.TestCases, result.BackTranslations, result.Prompts, result.Responses));
        await using var db = database.CreateContext();
        var instructions = await db.Instructions.Include(i => i.Verifiers).Include(i => i.TestCases).OrderBy(i => i.Id).ToListAsync();
        Assert.All(instructions, i => Assert.Equal(ItemStatus.Kept, i.Status));
        var verifiers = instructions[0].Verifiers.OrderBy(v => v.SampleIndex).ToList();
        Assert.Equal([(F1, 1.0), (F2, 0.75)], verifiers.Select(v => (v.Source, v.CaseAccuracy!.Value)));
        Assert.All(instructions.SelectMany(i => i.Verifiers), v => Assert.Equal((CompileStatus.Ok, ItemStatus.Kept), (v.CompileStatus, v.Status)));
        Assert.Equal(0.9, Assert.Single(instructions[1].Verifiers).CaseAccuracy);
        Assert.All(instructions.SelectMany(i => i.TestCases), c => Assert.Equal((ItemStatus.Kept, (int?)null), (c.Status, c.VerifierId)));
        Assert.Equal([("* one\n* two\n* three", true), ("* only one", false), ("no bullets at all", false)],
            instructions[1].TestCases.OrderBy(c => c.Id).Select(c => (c.Input, c.Expected)));

        var backTranslations = await db.BackTranslations.OrderBy(b => b.Id).ToListAsync();
        Assert.Equal(
            [("Respond using fewer than 50 words.", (int?)verifiers[0].Id), ("Keep the answer under fifty words.", verifiers[1].Id),
             ("Write exactly three bullet points.", null), ("Format the answer as a list of three items.", null)],
            backTranslations.Select(b => (b.Text, b.VerifierId)));
        Assert.All(backTranslations, b => Assert.Equal(NliLabel.Unknown, b.Label));

        var stages = await db.StageProgress.OrderBy(p => p.Stage).ToListAsync();
        Assert.Equal(Enum.GetValues<PipelineStage>().Where(s => s <= PipelineStage.BackTranslate), stages.Select(s => s.Stage));
        Assert.All(stages, s => Assert.True(s.Completed));
        Assert.Equal(4, stages.Single(s => s.Stage == PipelineStage.BackTranslate).Done);
        Assert.Equal(3, stages.Single(s => s.Stage == PipelineStage.CrossValidate).Total);
    }

    [Fact]
    public async Task Query_rft_file_stores_prompts_and_responses_and_accepts_both_function_and_case_shapes()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.QueryRft, "query_rft.jsonl");

        Assert.Equal((2, 3, 3, 3, 7, 2, 0), (result.Instructions, result.Verifiers, result.TestCases, result.Prompts, result.Responses, result.Queries, result.Skipped));
        await using var db = database.CreateContext();
        var under50 = await db.Instructions.Include(i => i.Verifiers).Include(i => i.TestCases).SingleAsync(i => i.Text == Under50);
        Assert.Equal(ItemStatus.Kept, under50.Status);
        // Line 1 gave F1 as [code, accuracy]; line 2 gave F1 and F2 as bare code strings.
        Assert.Equal([(F1, (double?)1.0, 0), (F2, null, 1)], under50.Verifiers.OrderBy(v => v.SampleIndex).Select(v => (v.Source, v.CaseAccuracy, v.SampleIndex)));
        Assert.Equal([("Short answer.", true), ("one two three", true)], under50.TestCases.OrderBy(c => c.Id).Select(c => (c.Input, c.Expected)));

        var prompts = await db.ComposedPrompts.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(3, prompts.Count);
        Assert.All(prompts, p => Assert.Equal(0, p.Round));
        Assert.Equal(under50.Id, prompts[1].InstructionId);

        var responses = await db.Responses.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([0, 1, 2, 0, 1, 0, 1], responses.Select(r => r.SampleIndex));
        Assert.Equal([prompts[0].Id, prompts[0].Id, prompts[0].Id, prompts[1].Id, prompts[1].Id, prompts[2].Id, prompts[2].Id], responses.Select(r => r.PromptId));
        Assert.All(responses, r => Assert.Equal((ResponseOrigin.Imported, ItemStatus.Pending, TextHash.Exact(r.Text)), (r.Origin, r.Status, r.TextHash)));
        Assert.Equal("Try Sunny or Finn.", responses[^1].Text);
    }

    [Fact]
    public async Task A_query_rft_prompt_in_the_scripts_wrapper_is_stored_as_our_composer_joins_its_query_and_instruction_and_any_other_prompt_as_written()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.QueryRft, "query_rft.jsonl");

        await using var db = database.CreateContext();
        var prompts = await db.ComposedPrompts.Include(p => p.Query).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            [("How do I boil an egg?", PromptComposer.Compose("How do I boil an egg?", Under50)), ("Why is the sea salty?", PromptComposer.Compose("Why is the sea salty?", Under50))],
            prompts.Take(2).Select(p => (p.Query!.Text, p.Text)));
        Assert.Equal("Please answer the query strictly following the instruction.\n[instruction] Answer in fewer than 50 words.\n[Query] How do I boil an egg?", prompts[0].SourceText);
        Assert.All(await db.Queries.ToListAsync(), q => Assert.Equal((ItemStatus.Kept, "query_rft.jsonl"), (q.Status, q.Source)));
        // The third line uses another wrapper: kept exactly as written, without a query, and the report says so.
        Assert.Equal(((int?)null, (string?)null), (prompts[2].QueryId, prompts[2].SourceText));
        Assert.StartsWith("You are an expert tasked with answering the given query.", prompts[2].Text, StringComparison.Ordinal);
        Assert.Equal(
            ["line 3: prompt kept as written: it is not the scripts' \"Please answer the query strictly following the instruction.\" wrapper around this line's instruction"],
            result.Warnings);
    }

    [Fact]
    public void The_scripts_wrapper_is_taken_apart_only_around_the_lines_own_instruction()
    {
        const string Wrapped = "Please answer the query strictly following the instruction.\n[instruction] Use no commas.\n[Query] Question 2\nWhat are the advantages?";

        Assert.Equal("Question 2\nWhat are the advantages?", ScriptPromptWrapper.Unwrap(Wrapped, "Use no commas."));
        Assert.Equal("Question 2\r\nWhat are the advantages?", ScriptPromptWrapper.Unwrap(Wrapped.Replace("\n", "\r\n", StringComparison.Ordinal), "use no commas."));
        Assert.Null(ScriptPromptWrapper.Unwrap(Wrapped, "Answer in capitals."));
        Assert.Null(ScriptPromptWrapper.Unwrap("Use no commas. Question 2", "Use no commas."));
        Assert.Null(ScriptPromptWrapper.Unwrap("Please answer the query strictly following the instruction.\n[instruction] Use no commas.\n[Query]   ", "Use no commas."));
    }

    [Theory]
    [InlineData(ImportFormats.QueryRft, "query_rft.jsonl", 7)]
    [InlineData(ImportFormats.DpoQuery, "dpo_query_w_funcs.jsonl", 5)]
    public async Task Prompt_files_complete_every_stage_before_verify_so_the_run_starts_at_verify(string format, string file, int responses)
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        await database.ImportFixtureAsync(format, file);

        await using var db = database.CreateContext();
        var stages = await db.StageProgress.OrderBy(p => p.Stage).ToListAsync();
        Assert.Equal(Enum.GetValues<PipelineStage>().Where(s => s < PipelineStage.Verify), stages.Select(s => s.Stage));
        Assert.All(stages, s => Assert.Equal((true, $"imported from {file}"), (s.Completed, s.Message)));
        Assert.Equal((responses, responses), stages.Where(s => s.Stage == PipelineStage.Sample).Select(s => (s.Done, s.Total)).Single());
    }

    [Fact]
    public async Task Dpo_query_file_without_instructions_groups_lines_by_their_functions_and_names_the_instruction_by_the_shared_opening()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();

        var result = await database.ImportFixtureAsync(ImportFormats.DpoQuery, "dpo_query_w_funcs.jsonl");

        Assert.Equal((2, 2, 0, 3, 5), (result.Instructions, result.Verifiers, result.TestCases, result.Prompts, result.Responses));
        await using var db = database.CreateContext();
        var instructions = await db.Instructions.Include(i => i.Verifiers).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(["Write the response as a sequential list of prime numbers.", "Wrap your entire response in double quotation marks. Why is the sky blue?"],
            instructions.Select(i => i.Text));
        Assert.Equal(0.68, Assert.Single(instructions[0].Verifiers).CaseAccuracy);
        Assert.Equal(2, await db.ComposedPrompts.CountAsync(p => p.InstructionId == instructions[0].Id));
    }

    [Fact]
    public async Task A_later_stage_file_joins_the_instructions_and_functions_an_earlier_file_already_stored()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        await database.ImportFixtureAsync(ImportFormats.EvalFunc, "eval_func_rft.jsonl");

        var result = await database.ImportFixtureAsync(ImportFormats.BackTrans, "back_trans.jsonl");

        // "Answer in fewer than 50 words." with F1, F2 and both its cases exist; only the bullet-point instruction is new.
        Assert.Equal((1, 1, 3, 4), (result.Instructions, result.Verifiers, result.TestCases, result.BackTranslations));
        Assert.Equal(1 + 2 + 2, result.Skipped);
        var rows = await database.CountAsync();
        Assert.Equal((4, 5, 12), (rows.Instructions, rows.Verifiers, rows.TestCases));
    }

    [Fact]
    public void Derived_dpo_instruction_is_the_shared_whole_sentences_or_else_the_prompt()
    {
        Assert.Equal("Use exactly two paragraphs.", ReferenceMerger.DeriveText(["Use exactly two paragraphs. Why do cats purr?", "Use exactly two paragraphs. What is rain?"]));
        Assert.Equal("Only prompt here.", ReferenceMerger.DeriveText(["Only prompt here."]));
        // Prompts sharing only part of a sentence keep the first prompt rather than a fragment.
        Assert.Equal("Write a poem about dogs.", ReferenceMerger.DeriveText(["Write a poem about dogs.", "Write a poem about cats."]));
    }

    [Fact]
    public async Task Responses_a_reasoning_model_wrote_are_stored_as_sampled_ones_the_answer_apart_from_the_reasoning()
    {
        await using var database = await ImportTestKit.CreateDatabaseAsync();
        var line = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["prompt"] = "Please answer the query strictly following the instruction.\n[instruction] Answer in fewer than 50 words.\n[Query] How do I boil an egg?",
            ["instruction"] = Under50,
            ["eval_func"] = new[] { F1 },
            ["cases"] = new[] { new object[] { "Short answer.", true } },
            ["gpt-answer"] = new[] { "<think>\nNine minutes is right.\n</think>\n\nBoil it for nine minutes.", "Boil it for eight minutes.", "<think>\nHow long was it again" },
        });

        var result = await database.Get<RunImporter>().ImportAsync(ImportFormats.QueryRft, ImportTestKit.Text(line + "\n"), "reasoning.jsonl", "imported");

        Assert.Equal(3, result.Responses);
        await using var db = database.CreateContext();
        var responses = await db.Responses.OrderBy(r => r.SampleIndex).Select(r => new { r.Text, r.Reasoning, r.TextHash }).ToListAsync();
        Assert.Equal(
            [("Boil it for nine minutes.", "Nine minutes is right."), ("Boil it for eight minutes.", null), ("", "How long was it again")],
            responses.Select(r => (r.Text, r.Reasoning)));
        Assert.Equal(TextHash.Exact("Boil it for nine minutes."), responses[0].TextHash);
    }
}

