namespace AutoIF.Core.Rewards;

/// <summary>Turns a label and a response into a <see cref="RewardRollout"/>, refusing a label the service cannot score.</summary>
public sealed class RewardRolloutResolver(RewardRunCache runs)
{
    /// <exception cref="RewardLabelException">The label is malformed or names a run, prompt or instruction that does not exist.</exception>
    public async ValueTask<RewardRollout> ResolveAsync(string label, string response, CancellationToken cancellationToken)
    {
        var parsed = RewardLabel.Parse(label);
        var run = await runs.GetAsync(parsed.Run, cancellationToken);
        if (!run.PromptIds.Contains(parsed.PromptId))
        {
            throw new RewardLabelException($"unknown label: run '{run.Name}' has no prompt {parsed.PromptId}");
        }
        foreach (var id in parsed.InstructionIds)
        {
            if (!run.InstructionIds.Contains(id))
            {
                throw new RewardLabelException($"unknown label: run '{run.Name}' has no instruction {id}");
            }
        }
        return new RewardRollout(run, parsed.InstructionIds, ModelAnswer.Split(response));
    }
}
