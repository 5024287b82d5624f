namespace AutoIF.Core.Sandbox;

/// <summary>How workers are started on this machine.</summary>
internal enum SandboxMode
{
    /// <summary>Verifiers are refused.</summary>
    Unavailable = 0,

    /// <summary>bubblewrap, as an unprivileged host user.</summary>
    Bubblewrap = 1,

    /// <summary>The operator allowed running without bubblewrap.</summary>
    Unsandboxed = 2,
}
