using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Sandbox;

/// <summary>Settings of the verifier sandbox (configuration section <c>Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>The plain system interpreter; a version manager's shim costs about ten times the start-up.</summary>
    [Required]
    public string PythonPath { get; set; } = "/usr/bin/python3";

    /// <summary>Long-lived worker processes; each runs one verifier call at a time.</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Soft timeout per call: the worker raises inside the verifier and the verdict is Timeout.</summary>
    [Range(0.05, 3600)]
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>When a call that ignores the soft timeout is killed; defaults to <see cref="TimeoutSeconds"/> + 2.</summary>
    [Range(0.1, 7200)]
    public double? HardDeadlineSeconds { get; set; }

    /// <summary>Address-space limit of a worker process, interpreter and standard library included.</summary>
    [Range(128, 1_048_576)]
    public int MemoryMb { get; set; } = 512;

    /// <summary>Run verifiers without bubblewrap when it is missing. Unsafe: LLM-written code then sees the host.</summary>
    public bool AllowUnsandboxed { get; set; }

    [Required]
    public string BubblewrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>Used to drop to <see cref="SandboxUid"/> when the app runs as root.</summary>
    [Required]
    public string SetprivPath { get; set; } = "/usr/bin/setpriv";

    /// <summary>Host user the workers run as when the app is root (nobody by default).</summary>
    [Range(1, int.MaxValue)]
    public int SandboxUid { get; set; } = 65534;

    [Range(1, int.MaxValue)]
    public int SandboxGid { get; set; } = 65534;

    /// <summary>Cap on an error message or type name in a verdict.</summary>
    [Range(16, 100_000)]
    public int DetailMaxChars { get; set; } = 1000;

    /// <summary>Cap on what a verifier prints during one call.</summary>
    [Range(0, 100_000)]
    public int OutputMaxChars { get; set; } = 1000;

    [Range(16, 4096)]
    public int OpenFiles { get; set; } = 64;

    /// <summary>Size of the private scratch /tmp of a sandboxed worker.</summary>
    [Range(1, 4096)]
    public int ScratchMb { get; set; } = 64;

    /// <summary>
    /// Verifiers per worker whose process is kept parked between calls, least recently used dropped first, so a verifier
    /// scored again skips the fork (milliseconds of CPU, against microseconds a call). 0 forks for every job, as before.
    /// Each parked process holds some 2 MB of its own memory.
    /// </summary>
    [Range(0, 4096)]
    public int WarmVerifiers { get; set; } = 64;

    /// <summary>How long a worker may take to start and say it is ready.</summary>
    [Range(1, 600)]
    public double StartTimeoutSeconds { get; set; } = 20;

    internal double EffectiveHardDeadlineSeconds => Math.Max(HardDeadlineSeconds ?? TimeoutSeconds + 2, TimeoutSeconds + 0.1);
}
