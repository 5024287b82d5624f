using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Llm;

/// <summary>Retry and circuit-breaker settings shared by both roles (<c>Llm:Resilience:*</c>).</summary>
public sealed class LlmResilienceOptions
{
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; doubles per attempt with jitter. A <c>Retry-After</c> header overrides it.</summary>
    [Range(1, 600_000)]
    public int BaseDelayMilliseconds { get; set; } = 1000;

    [Range(1, 3_600_000)]
    public int MaxDelayMilliseconds { get; set; } = 60_000;

    /// <summary>Share of failed attempts within the sampling window that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(1, 3600)]
    public int BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long the stage pauses before one probe request tests the endpoint again.</summary>
    [Range(1, 3600)]
    public int BreakerBreakSeconds { get; set; } = 30;
}
