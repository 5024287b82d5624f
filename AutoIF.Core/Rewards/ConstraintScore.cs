using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Sandbox;

namespace AutoIF.Core.Rewards;

/// <summary>How a rollout's answer fared on one of its constraints (an instruction and its kept verifiers).</summary>
public sealed record ConstraintScore(int InstructionId, bool Passed, double Accuracy, IReadOnlyList<VerifierVerdict> Verdicts)
{
    /// <summary>
    /// The pipeline's own rule, as the Verify stage applies it to a sampled response: the accuracy under Verify:Counting
    /// (errors and timeouts left out of the denominator; none counted, or no kept verifier, is 0), passing when it passes
    /// Verify:MinAccuracy by Verify:MinAccuracyRule.
    /// </summary>
    public static ConstraintScore From(int instructionId, IReadOnlyList<RewardVerifier> verifiers, IReadOnlyList<VerifierResult> results, VerifySettings rules)
    {
        var accuracy = AccuracyRules.Accuracy(results, rules.Counting);
        var verdicts = new VerifierVerdict[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            // True/False need no detail, as in the stored verdicts and the scores export.
            verdicts[i] = new VerifierVerdict(verifiers[i].Id, results[i].Kind, AccuracyRules.IsCounted(results[i].Kind) ? null : results[i].Detail, verifiers[i].Kind);
        }
        return new ConstraintScore(instructionId, rules.MinAccuracyRule.Passes(accuracy, rules.MinAccuracy), accuracy, verdicts);
    }

    /// <summary>An empty answer: nothing is run and nothing passes.</summary>
    public static ConstraintScore ForEmptyAnswer(int instructionId) => new(instructionId, false, 0, []);
}
