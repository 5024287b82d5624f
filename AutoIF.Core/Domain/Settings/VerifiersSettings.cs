using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record VerifiersSettings
{
    [Range(1, 100)]
    public int Samples { get; set; } = 5;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.9;
}
