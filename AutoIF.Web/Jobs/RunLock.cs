using Hangfire;
using Hangfire.Storage;

namespace AutoIF.Web.Jobs;

/// <summary>
/// The per-run lock, in Hangfire's storage so every process sharing the data sees it: the run jobs take it (see
/// <see cref="RunPipelineJob"/>) and so does a CLI verb that works on a run in its own process. A web app that restarts
/// while <c>run start --wait</c> works, and queues the run again, then cannot work on the same run in parallel.
/// </summary>
public sealed class RunLock(JobStorage storage)
{
    /// <summary>Hangfire formats this with the job's arguments; the run id is the first.</summary>
    public const string ResourceFormat = "autoif-run-{0}";

    /// <summary>Takes the run's lock, or throws <see cref="InvalidOperationException"/> when another process holds it past the timeout.</summary>
    public IDisposable Acquire(int runId, string runName, TimeSpan timeout)
    {
        var connection = storage.GetConnection();
        try
        {
            var held = connection.AcquireDistributedLock(ResourceFormat.Replace("{0}", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), timeout);
            return new Held(connection, held);
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            throw new InvalidOperationException($"Run '{runName}' is being worked on by another process (the app's job server or another command); wait for it, or cancel the run first.");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IStorageConnection connection, IDisposable handle) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
