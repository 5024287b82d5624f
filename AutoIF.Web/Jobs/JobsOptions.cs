using System.ComponentModel.DataAnnotations;

namespace AutoIF.Web.Jobs;

/// <summary>The app's job server (configuration section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often the job server looks for interrupted runs to resume (<c>Jobs:ResumeCheckSeconds</c>).</summary>
    [Range(1, 86_400)]
    public int ResumeCheckSeconds { get; set; } = 60;
}
