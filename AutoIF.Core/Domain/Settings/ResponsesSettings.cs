using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record ResponsesSettings
{
    [Range(1, 100)]
    public int Samples { get; set; } = 8;

    public LlmRole Role { get; set; } = LlmRole.Supervision;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.8;
}
