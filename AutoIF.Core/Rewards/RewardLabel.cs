using System.Text.Json;

namespace AutoIF.Core.Rewards;

/// <summary>
/// What an RL prompt set row carries for the reward service: the JSON string <c>{"run", "prompt_id", "instruction_ids"}</c>
/// naming the run (by name), its composed prompt and the instructions whose verifiers score the rollout.
/// </summary>
public sealed record RewardLabel(string Run, int PromptId, IReadOnlyList<int> InstructionIds)
{
    /// <summary>The label as the RL export writes it.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["run"] = Run,
        ["prompt_id"] = PromptId,
        ["instruction_ids"] = InstructionIds,
    });

    /// <summary>Reads a label; a malformed one is refused with what is wrong.</summary>
    public static RewardLabel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new RewardLabelException($"not a JSON label ({ex.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RewardLabelException("the label must be a JSON object {\"run\", \"prompt_id\", \"instruction_ids\"}");
            }
            var run = root.TryGetProperty("run", out var r) && r.ValueKind == JsonValueKind.String && r.GetString() is { Length: > 0 } name
                ? name
                : throw new RewardLabelException("the label has no \"run\" name (a non-empty string)");
            var promptId = root.TryGetProperty("prompt_id", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var id)
                ? id
                : throw new RewardLabelException("the label has no \"prompt_id\" (an integer)");
            if (!root.TryGetProperty("instruction_ids", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new RewardLabelException("the label has no \"instruction_ids\" (a list of integers)");
            }
            var ids = new List<int>();
            foreach (var element in list.EnumerateArray())
            {
                ids.Add(element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var instructionId)
                    ? instructionId
                    : throw new RewardLabelException("\"instruction_ids\" must hold integers only"));
            }
            if (ids.Count == 0)
            {
                throw new RewardLabelException("\"instruction_ids\" is empty: a rollout needs at least one constraint");
            }
            return new RewardLabel(run, promptId, ids);
        }
    }
}
