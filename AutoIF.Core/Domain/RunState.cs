namespace AutoIF.Core.Domain;

/// <summary>
/// What a run is doing now, as pages, the CLI and the job server see it: its stored <see cref="RunStatus"/> corrected by
/// whether a process holds its lock (<see cref="Pipeline.RunLiveness"/> decides). Never stored: a process that is killed
/// cannot update the status it leaves behind, so only the lock tells a working run from an interrupted one.
/// </summary>
public enum RunState
{
    Draft,

    /// <summary>Queued and no process has taken it yet: it waits for a job server.</summary>
    Queued,

    /// <summary>A live process (the app's job server or a command) holds its lock and works on it.</summary>
    Running,

    /// <summary>Marked running, but no process holds its lock: the one working on it was killed or crashed. Start or resume continues it.</summary>
    Interrupted,

    Paused,
    Cancelled,
    Completed,
    Failed,
}
