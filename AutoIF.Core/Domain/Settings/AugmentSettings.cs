using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record AugmentSettings
{
    /// <summary>Self-instruct rounds; the paper used 100.</summary>
    [Range(0, 10_000)]
    public int Rounds { get; set; } = 10;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 1.0;
}
