using System.Globalization;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Demo;
using AutoIF.Core.Pipeline.Stages;
using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>
/// The model calls and tokens a run is expected to need, from its settings before it starts (decisions 035 and 040):
/// every setting that multiplies calls takes part (rounds, samples per item, functions back-translated, queries per
/// instruction, constraints per prompt and the compatibility checks they bring, question verifiers and their yes/no
/// verdicts, judge samples). An upper bound where the pipeline may save calls (near-duplicates, compatibility shown by
/// stored data, cached answers). A run the offline demo model answers is estimated from what the demo knows.
/// </summary>
public sealed class RunEstimator(IDbContextFactory<AutoIfDbContext> contextFactory, ILlmGateway gateway, DemoChatClient demo)
{
    public async Task<RunEstimate> EstimateAsync(RunSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var seeds = await SeedSets.ChosenFrom(db.SeedInstructions.AsNoTracking(), settings).Select(s => s.Text).ToListAsync(cancellationToken);
        var assumptions = gateway.Mode == LlmMode.Demo ? DemoEstimateAssumptions.For(demo.Fixture, seeds, settings) : new EstimateAssumptions();
        return Estimate(settings, seeds.Count, assumptions);
    }

    /// <summary>The estimate for a run starting from <paramref name="seeds"/> seeds.</summary>
    public static RunEstimate Estimate(RunSettings settings, int seeds, EstimateAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(assumptions);
        var stages = new List<StageEstimate>();
        // A stage with calls of two kinds (verifier answers and question prompts) is one line with both bases.
        void Add(PipelineStage stage, string basis, double calls, (int Prompt, int Completion) tokens)
        {
            var n = (long)Math.Ceiling(calls);
            if (n <= 0)
            {
                return;
            }
            var line = new StageEstimate(stage, basis, n, n * tokens.Prompt, n * tokens.Completion);
            var at = stages.FindIndex(s => s.Stage == stage);
            if (at < 0)
            {
                stages.Add(line);
                return;
            }
            var before = stages[at];
            stages[at] = new StageEstimate(stage, before.Basis + "; " + basis, before.Calls + line.Calls, before.PromptTokens + line.PromptTokens, before.CompletionTokens + line.CompletionTokens);
        }

        var rounds = settings.Augment.Rounds;
        Add(PipelineStage.Augment, Inv($"{rounds} self-instruct rounds"), rounds, assumptions.Augment);
        double added = (long)rounds * AugmentStage.InstructionsPerRound;
        if (assumptions.NewInstructionsAtMost is { } most)
        {
            added = Math.Min(added, most);
        }
        var instructions = seeds + added;
        Add(PipelineStage.Verifiers, Inv($"{instructions:N0} instructions × {settings.Verifiers.Samples} answers"), instructions * settings.Verifiers.Samples, assumptions.Verifier);
        var questions = settings.Verifiers.AsksQuestions;
        if (questions)
        {
            // Verifiers:Kinds=code,question: a questions prompt per instruction, then each question's yes/no on the instruction's cases.
            Add(PipelineStage.Verifiers, Inv($"{instructions:N0} question prompts"), instructions, assumptions.Questions);
            Add(PipelineStage.CrossValidate, Inv($"{instructions:N0} instructions × {assumptions.QuestionsPerInstruction:0.#} questions × {assumptions.CasesPerInstruction:0.#} cases, yes/no"),
                instructions * assumptions.QuestionsPerInstruction * assumptions.CasesPerInstruction, assumptions.QuestionVerdict);
        }

        var crossValidated = instructions * assumptions.KeptAfterCrossValidation;
        var functions = settings.BackTranslation.Functions;
        var perFunction = settings.BackTranslation.Prompt == BackTranslationPrompt.PerFunction;
        Add(PipelineStage.BackTranslate, perFunction ? Inv($"{crossValidated:N0} instructions × {functions} functions") : Inv($"{crossValidated:N0} instructions, one prompt each"),
            crossValidated * (perFunction ? functions : 1), assumptions.BackTranslation);
        var checks = Math.Min(functions, assumptions.DistinctBackTranslations ?? functions);
        Add(PipelineStage.Consistency, Inv($"{crossValidated:N0} instructions × {checks:0.#} back-translations"), crossValidated * checks, assumptions.Nli);

        // With the fallback, some instructions no function survives are kept as soft constraints by their questions.
        var soft = questions && settings.Verifiers.QuestionFallback ? (instructions - crossValidated) * assumptions.SoftShareOfDropped : 0;
        var kept = crossValidated * assumptions.KeptAfterConsistency + soft;
        var prompts = kept * settings.Compose.QueriesPerInstruction;
        var k = (settings.Compose.MinInstructions + settings.Compose.MaxInstructions) / 2.0;
        // Each prompt's pairs of instructions are checked once per run; never more than there are pairs.
        var pairs = Math.Min(prompts * k * (k - 1) / 2, kept * (kept - 1) / 2);
        Add(PipelineStage.Compose, Inv($"{prompts:N0} prompts with {k:0.#} constraints on average: pairs checked for conflicts"), pairs, assumptions.Compatibility);

        var responses = prompts * settings.Responses.Samples;
        var responseTokens = (assumptions.Response.Prompt + (int)Math.Round(k * assumptions.TokensPerConstraint), assumptions.Response.Completion);
        Add(PipelineStage.Sample, Inv($"{prompts:N0} prompts × {settings.Responses.Samples} responses"), responses, responseTokens);
        if (questions)
        {
            Add(PipelineStage.Verify, Inv($"{responses:N0} responses × {k:0.#} constraints × {assumptions.KeptQuestionsPerInstruction:0.#} kept questions, yes/no"),
                responses * k * assumptions.KeptQuestionsPerInstruction, assumptions.QuestionVerdict);
        }
        var counted = settings.Responses.CountDuplicatesOnce ? responses * assumptions.DistinctResponses : responses;
        var judged = counted * assumptions.ResponsesPassingVerify;
        Add(PipelineStage.Judge, Inv($"{judged:N0} verified responses × {settings.Judge.Samples} judgements"), judged * settings.Judge.Samples, assumptions.Judge);
        return new RunEstimate(seeds, stages, settings.Run.MaxModelCalls);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
