namespace AutoIF.Web.Jobs;

/// <summary>
/// The Hangfire queues jobs go to, so a worker process can be given some of them (<c>worker --queues</c>). The app's own
/// job server takes all of them, in this order of priority.
/// </summary>
public static class JobQueues
{
    /// <summary>Runs and online rounds: model calls and sandbox work.</summary>
    public const string Runs = "runs";

    /// <summary>Re-verifications and Verify chunk jobs: sandbox work only (and the judge for newly passing responses).</summary>
    public const string Sandbox = "sandbox";

    /// <summary>Exports: database reads and a file written to the data folder's exports folder.</summary>
    public const string Exports = "exports";

    /// <summary>Where jobs queued before queues were named wait.</summary>
    public const string Default = "default";

    public static readonly IReadOnlyList<string> All = [Runs, Sandbox, Exports, Default];
}
