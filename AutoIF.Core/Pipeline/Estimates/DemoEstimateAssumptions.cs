using AutoIF.Core.Llm.Demo;
using AutoIF.Core.Pipeline.Stages;

namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>
/// The estimate's assumptions for a run the offline demo model answers, worked out from what the demo knows instead of
/// guessed (decision 040): self-instruct repeats a fixed pool, so rounds add at most that pool; only the instructions
/// in its fixture get functions (less those whose fixture entry is flawed to be dropped); it restates every function of
/// an instruction alike (one NLI check each); and it answers a prompt from two or three responses, so most samples
/// repeat one (counted once, not judged). With the general assumptions a default demo run is estimated at 3.5 times
/// the calls it sends.
/// </summary>
public static class DemoEstimateAssumptions
{
    // The fixture's flaws that drop an instruction: its cases disagree with its functions (cross-validation), or a
    // back-translation contradicts it (the consistency check). Other flaws spoil single functions only.
    private const string DroppedAtCrossValidation = "cases-disagree";
    private const string DroppedAtConsistency = "back-translation-contradicts";

    public static EstimateAssumptions For(DemoFixture fixture, IReadOnlyCollection<string> seeds, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(settings);
        var seen = seeds.Select(DemoChatClient.Normalize).ToHashSet(StringComparer.Ordinal);
        var newPool = fixture.AugmentPool.Select(DemoChatClient.Normalize).Where(seen.Add).ToList();
        var added = newPool.Take(settings.Augment.Rounds * Math.Min(AugmentStage.InstructionsPerRound, DemoChatClient.InstructionsPerAugmentAnswer)).ToList();
        var all = seeds.Select(DemoChatClient.Normalize).Concat(added).ToList();
        var known = fixture.Instructions.ToDictionary(i => DemoChatClient.Normalize(i.Instruction), StringComparer.Ordinal);
        var coded = all.Select(t => known.GetValueOrDefault(t)).OfType<DemoInstruction>().Where(i => i.Flaw != DroppedAtCrossValidation).ToList();
        var consistent = coded.Count(i => i.Flaw != DroppedAtConsistency);
        var soft = fixture.Soft.Select(s => DemoChatClient.Normalize(s.Instruction)).Count(all.Contains);
        var dropped = all.Count - coded.Count;
        var defaults = new EstimateAssumptions();
        return defaults with
        {
            NewInstructionsAtMost = added.Count,
            KeptAfterCrossValidation = all.Count == 0 ? defaults.KeptAfterCrossValidation : (double)coded.Count / all.Count,
            KeptAfterConsistency = coded.Count == 0 ? defaults.KeptAfterConsistency : (double)consistent / coded.Count,
            DistinctBackTranslations = 1,
            DistinctResponses = coded.Count == 0 ? defaults.DistinctResponses : coded.Average(i => ExpectedDistinctShare(i.Responses.Count, settings.Responses.Samples)),
            // One question per instruction; the cases it is asked on are its functions' (or a soft instruction's examples).
            QuestionsPerInstruction = 1,
            CasesPerInstruction = all.Count == 0 ? 0 : (coded.Sum(i => Cases(i, settings.Verifiers.Samples)) + fixture.Soft.Where(s => all.Contains(DemoChatClient.Normalize(s.Instruction))).Sum(s => s.Cases.Count)) / (double)all.Count,
            KeptQuestionsPerInstruction = 1,
            SoftShareOfDropped = dropped == 0 ? 0 : (double)soft / dropped,
        };
    }

    /// <summary>The distinct test cases of the verifier variants the run's answers use (answer n uses variant n mod count).</summary>
    private static int Cases(DemoInstruction instruction, int samples) =>
        instruction.Verifiers.Take(Math.Min(samples, instruction.Verifiers.Count)).SelectMany(v => v.Cases).Select(c => c.Input).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Of <paramref name="samples"/> uniform draws from <paramref name="answers"/> texts, the expected share that is no repeat.</summary>
    private static double ExpectedDistinctShare(int answers, int samples) =>
        answers == 0 || samples == 0 ? 1 : answers * (1 - Math.Pow(1 - 1.0 / answers, samples)) / samples;
}
