using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record ResponsesSettings
{
    [Range(1, 100)]
    [Description("Responses sampled per composed prompt")]
    [SettingSource("paper", "sample_data/query_rft.jsonl")]
    public int Samples { get; set; } = 8;

    [Description("Which model answers: the supervision model (distillation) or the policy (self-alignment)")]
    [SettingSource("paper", "paper")]
    public LlmRole Role { get; set; } = LlmRole.Supervision;

    [Range(0.0, 2.0)]
    [Description("Sampling temperature of the responses")]
    [SettingSource("ours", "ours")]
    public double Temperature { get; set; } = 0.8;

    [Description("An exact duplicate of an earlier response to the same prompt is counted once (dropped as a duplicate)")]
    [SettingSource("ours", "code/7_query_vertification.py (a set of samples)")]
    public bool CountDuplicatesOnce { get; set; } = true;
}
