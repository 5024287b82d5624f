using System.Globalization;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Pipeline.Stages;
using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>
/// The model calls and tokens a run is expected to need, from its settings before it starts (decision 035): every
/// setting that multiplies calls takes part (rounds, samples per item, functions back-translated, queries per
/// instruction, constraints per prompt and the compatibility checks they bring, judge samples). An upper bound where the
/// pipeline may save calls (near-duplicates, compatibility shown by stored data, cached answers).
/// </summary>
public sealed class RunEstimator(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<RunEstimate> EstimateAsync(RunSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var seeds = await SeedSets.ChosenFrom(db.SeedInstructions.AsNoTracking(), settings).CountAsync(cancellationToken);
        return Estimate(settings, seeds, new EstimateAssumptions());
    }

    /// <summary>The estimate for a run starting from <paramref name="seeds"/> seeds.</summary>
    public static RunEstimate Estimate(RunSettings settings, int seeds, EstimateAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(assumptions);
        var stages = new List<StageEstimate>();
        void Add(PipelineStage stage, string basis, double calls, (int Prompt, int Completion) tokens)
        {
            var n = (long)Math.Ceiling(calls);
            if (n > 0)
            {
                stages.Add(new StageEstimate(stage, basis, n, n * tokens.Prompt, n * tokens.Completion));
            }
        }

        var rounds = settings.Augment.Rounds;
        Add(PipelineStage.Augment, Inv($"{rounds} self-instruct rounds"), rounds, assumptions.Augment);
        double instructions = seeds + (long)rounds * AugmentStage.InstructionsPerRound;
        Add(PipelineStage.Verifiers, Inv($"{instructions:N0} instructions × {settings.Verifiers.Samples} answers"), instructions * settings.Verifiers.Samples, assumptions.Verifier);
        // Question verifiers (Verifiers:Kinds = code,question) add one line here: a call per instruction asking for its
        // questions, and in Verify one yes/no call per question and response.

        var crossValidated = instructions * assumptions.KeptAfterCrossValidation;
        var functions = settings.BackTranslation.Functions;
        var perFunction = settings.BackTranslation.Prompt == BackTranslationPrompt.PerFunction;
        Add(PipelineStage.BackTranslate, perFunction ? Inv($"{crossValidated:N0} instructions × {functions} functions") : Inv($"{crossValidated:N0} instructions, one prompt each"),
            crossValidated * (perFunction ? functions : 1), assumptions.BackTranslation);
        Add(PipelineStage.Consistency, Inv($"{crossValidated:N0} instructions × {functions} back-translations"), crossValidated * functions, assumptions.Nli);

        var kept = crossValidated * assumptions.KeptAfterConsistency;
        var prompts = kept * settings.Compose.QueriesPerInstruction;
        var k = (settings.Compose.MinInstructions + settings.Compose.MaxInstructions) / 2.0;
        // Each prompt's pairs of instructions are checked once per run; never more than there are pairs.
        var pairs = Math.Min(prompts * k * (k - 1) / 2, kept * (kept - 1) / 2);
        Add(PipelineStage.Compose, Inv($"{prompts:N0} prompts with {k:0.#} constraints on average: pairs checked for conflicts"), pairs, assumptions.Compatibility);

        var responses = prompts * settings.Responses.Samples;
        var responseTokens = (assumptions.Response.Prompt + (int)Math.Round(k * assumptions.TokensPerConstraint), assumptions.Response.Completion);
        Add(PipelineStage.Sample, Inv($"{prompts:N0} prompts × {settings.Responses.Samples} responses"), responses, responseTokens);
        var judged = responses * assumptions.ResponsesPassingVerify;
        Add(PipelineStage.Judge, Inv($"{judged:N0} verified responses × {settings.Judge.Samples} judgements"), judged * settings.Judge.Samples, assumptions.Judge);
        return new RunEstimate(seeds, stages, settings.Run.MaxModelCalls);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
