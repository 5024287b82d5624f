using System.ComponentModel.DataAnnotations;

namespace AutoIF.Web.Jobs;

/// <summary>The app's job server (configuration section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often the job server looks for interrupted runs to resume (<c>Jobs:ResumeCheckSeconds</c>).</summary>
    [Range(1, 86_400)]
    public int ResumeCheckSeconds { get; set; } = 60;

    /// <summary>
    /// On PostgreSQL, how long a job fetched by a process that died stays invisible before another process takes it
    /// (<c>Jobs:LeaseSeconds</c>); a live process renews it. The run lock keeps a job that comes back while its run is
    /// still worked on from doing anything twice.
    /// </summary>
    [Range(15, 86_400)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Unverified responses per chunk job of the Verify stage (<c>Jobs:ChunkResponses</c>, decision 039): above 0, a run's
    /// Verify stage is split into jobs on the sandbox queue that any job server takes (workers on other machines), while
    /// the run's job waits for them; 0 (the default) verifies in the run's own process.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ChunkResponses { get; set; }

    /// <summary>
    /// Whether a run's job verifies its own unclaimed chunks while it waits for them (<c>Jobs:CoordinatorVerifiesChunks</c>,
    /// decision 043): on (the default), two runs on a job server with two slots still finish; off, it only waits, keeping
    /// sandbox work off the processes that take the runs queue.
    /// </summary>
    public bool CoordinatorVerifiesChunks { get; set; } = true;
}
