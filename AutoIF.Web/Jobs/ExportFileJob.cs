using AutoIF.Core.Export;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for one export of the Export page: it runs the stored export job with that id.</summary>
public sealed class ExportFileJob(ExportJobRunner runner)
{
    // Never retried as a failure: the runner stores why it failed for the page. Work the app's stop cut short runs again.
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Exports)]
    public Task ExecuteAsync(int exportJobId, CancellationToken cancellationToken) => runner.RunAsync(exportJobId, cancellationToken);
}
