using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record DpoSettings
{
    [Range(0.0, 1.0)]
    public double ChosenMinAccuracy { get; set; } = 0.5;

    [Range(1, 100)]
    public int MaxPairsPerPrompt { get; set; } = 4;

    [Range(1, 100)]
    public int OnlineSamples { get; set; } = 8;

    [Range(0.0, 2.0)]
    public double OnlineTemperature { get; set; } = 0.8;
}
