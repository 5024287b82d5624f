using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Rewards;

/// <summary>Settings of the reward service (configuration section <c>Reward</c>).</summary>
public sealed class RewardOptions
{
    public const string Section = "Reward";

    /// <summary>The bearer token callers must send; with none, only loopback callers are served. Never shown or logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long the first of a group of concurrent requests waits for others to join its sandbox job.</summary>
    [Range(0, 1000)]
    public double BatchWindowMilliseconds { get; set; } = 2;

    /// <summary>Rollouts gathered into one sandbox batch at most; the rest wait for the next. A batch hands each verifier it uses to its process once, so the bigger the cheaper.</summary>
    [Range(1, 100_000)]
    public int MaxBatchItems { get; set; } = 4096;

    /// <summary>Rollouts one request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxItems { get; set; } = 1024;

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Sandbox worker processes of the reward service's own pool, apart from the one batch verification uses.</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Sandbox:WarmVerifiers of the reward pool: a trainer scores the same verifiers over and over in small requests, so
    /// keeping each one's process parked saves a fork per verifier per request. Some 2 MB of memory each, per worker.
    /// </summary>
    [Range(0, 4096)]
    public int WarmVerifiers { get; set; } = 512;

    /// <summary>How often a cached run's verifiers are checked for changes (a finished run reloads only when they changed).</summary>
    [Range(0, 3600)]
    public double CacheCheckSeconds { get; set; } = 1;

    /// <summary>
    /// Whether question verifiers take part (decision 034): a constraint with no kept function (a soft constraint) is then
    /// scored by its kept questions, one supervision-model call per question and rollout (through the gateway and its
    /// cache); off, such a constraint has no verifier and fails, as before questions existed.
    /// </summary>
    public bool Questions { get; set; }

    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);
}
