using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record VerifySettings
{
    /// <summary>A response is kept when its accuracy is strictly above this.</summary>
    [Range(0.0, 1.0)]
    public double MinAccuracy { get; set; } = 0.5;
}
