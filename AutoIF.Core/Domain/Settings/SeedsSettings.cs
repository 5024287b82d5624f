using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record SeedsSettings
{
    /// <summary>How many seeds to start from; null takes all.</summary>
    [Range(1, 100_000)]
    public int? Max { get; set; }
}
