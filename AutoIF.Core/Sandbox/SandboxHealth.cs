namespace AutoIF.Core.Sandbox;

/// <summary>Result of the start-up check, shown on the Settings page and logged at start.</summary>
/// <param name="PythonPath">The configured interpreter.</param>
/// <param name="PythonVersion">Version reported by a running worker; null when none started.</param>
/// <param name="Sandboxed">Workers run under bubblewrap as an unprivileged host user.</param>
/// <param name="AllowUnsandboxed">The operator opted out of the sandbox (<c>Sandbox:AllowUnsandboxed</c>).</param>
/// <param name="CanRunVerifiers">Verifier calls are accepted; when false they are refused with <see cref="Message"/>.</param>
/// <param name="WorkerUid">The user id a worker reported, as seen inside its sandbox.</param>
/// <param name="Message">One human sentence or two.</param>
public sealed record SandboxHealth(
    string PythonPath,
    string? PythonVersion,
    bool Sandboxed,
    bool AllowUnsandboxed,
    bool CanRunVerifiers,
    int? WorkerUid,
    string Message)
{
    /// <summary>Verifiers run, but without the sandbox: every page header should warn.</summary>
    public bool ShowUnsandboxedWarning => CanRunVerifiers && !Sandboxed;
}
