using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record BackTranslationSettings
{
    [Range(1, 20)]
    public int Functions { get; set; } = 3;
}
