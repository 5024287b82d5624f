using AutoIF.Core.Domain;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Rewards;
using AutoIF.Tests.Sandbox;

namespace AutoIF.Tests.Rewards;

/// <summary>Scoring a batch grouped by verifier in the real sandbox: every rollout still gets its own verifiers' verdicts.</summary>
[Collection(SandboxCollection.Name)]
public sealed class RewardBatcherTests(SandboxFixture fixture)
{
    // Three instructions with two verifiers each, every one a rule the test can also apply itself.
    private static readonly (int Id, string Source, Func<string, bool> Rule)[][] Verifiers =
    [
        [
            (11, "def evaluate(response):\n    return response.count('a') % 2 == 0\n", r => r.Count(c => c == 'a') % 2 == 0),
            (12, "def evaluate(response):\n    return 'b' in response\n", r => r.Contains('b')),
        ],
        [
            (21, "def evaluate(response):\n    return len(response) % 3 == 0\n", r => r.Length % 3 == 0),
            (22, "def evaluate(response):\n    return response.startswith('c')\n", r => r.StartsWith('c')),
        ],
        [
            (31, "def evaluate(response):\n    return response.endswith('d')\n", r => r.EndsWith('d')),
            (32, "def evaluate(response):\n    return response.count('e') > 60\n", r => r.Count(c => c == 'e') > 60),
        ],
    ];

    [Fact]
    public async Task A_batch_larger_than_one_sandbox_request_gives_each_rollout_its_own_verdicts_in_order()
    {
        var rules = new VerifySettings();
        var run = new RunRewardSet(1, "batch", rules, new HashSet<int> { 1 }, new HashSet<int> { 1, 2, 3 },
            new Dictionary<int, IReadOnlyList<RewardVerifier>>
            {
                [1] = Verifiers[0].Select(v => new RewardVerifier(v.Id, v.Source)).ToList(),
                [2] = Verifiers[1].Select(v => new RewardVerifier(v.Id, v.Source)).ToList(),
                [3] = Verifiers[2].Select(v => new RewardVerifier(v.Id, v.Source)).ToList(),
            });
        // 2,400 answers of about 500 characters: more answers and characters than one sandbox request holds, so the batch
        // is cut into several; every 97th answer is empty; constraints in varying order and number.
        var random = new Random(7);
        var rollouts = Enumerable.Range(0, 2400).Select(i =>
        {
            var answer = i % 97 == 0 ? "  " : new string(Enumerable.Range(0, 400 + random.Next(200)).Select(_ => "abcde "[random.Next(6)]).ToArray());
            int[] instructions = (i % 4) switch { 0 => [1], 1 => [2, 3], 2 => [3, 1, 2], _ => [2] };
            return new RewardRollout(run, instructions, ModelAnswer.Split(answer));
        }).ToList();

        var scores = await RewardBatcher.EvaluateAsync(rollouts, fixture.Sandbox, CancellationToken.None);

        Assert.Equal(rollouts.Count, scores.Length);
        for (var i = 0; i < rollouts.Count; i++)
        {
            var rollout = rollouts[i];
            Assert.Equal(rollout.InstructionIds, scores[i].Constraints.Select(c => c.InstructionId));
            foreach (var (constraint, instructionId) in scores[i].Constraints.Zip(rollout.InstructionIds))
            {
                if (rollout.Answer.IsEmpty)
                {
                    Assert.Empty(constraint.Verdicts);
                    Assert.False(constraint.Passed);
                    continue;
                }
                var expected = Verifiers[instructionId - 1].Select(v => $"{v.Id}:{(v.Rule(rollout.Answer.Answer) ? VerdictKind.True : VerdictKind.False)}");
                Assert.Equal(expected, constraint.Verdicts.Select(v => $"{v.VerifierId}:{v.Verdict}"));
                var accuracy = Verifiers[instructionId - 1].Count(v => v.Rule(rollout.Answer.Answer)) / 2.0;
                Assert.Equal(accuracy, constraint.Accuracy, 9);
                Assert.Equal(rules.MinAccuracyRule.Passes(accuracy, rules.MinAccuracy), constraint.Passed);
            }
        }
    }
}
