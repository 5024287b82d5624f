using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record ComposeSettings
{
    [Range(1, 10_000)]
    public int QueriesPerInstruction { get; set; } = 16;
}
