using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record JudgeSettings
{
    /// <summary>A response is kept when the judge scores it at least this (0–10).</summary>
    [Range(0, 10)]
    public int MinScore { get; set; } = 8;
}
