using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record QueriesSettings
{
    [Range(0, 100_000)]
    public int MinLength { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int MaxLength { get; set; } = 300;
}
