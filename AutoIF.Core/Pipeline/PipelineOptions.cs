using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Pipeline;

/// <summary>How a run's stages are worked through (configuration section <c>Pipeline</c>); none of it changes what a run stores.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>
    /// <c>Pipeline:StreamStages</c>: Verifiers to Consistency behind Augment (decision 051), and Verify and Judge behind
    /// Sample (decision 050), work on what the stage before them has stored while it still runs, so the model is not idle
    /// while the sandbox compiles, validates and verifies. Off: every stage waits for the one before.
    /// </summary>
    public bool StreamStages { get; set; } = true;

    /// <summary>
    /// <c>Pipeline:CatchUpMilliseconds</c>: how often a streaming stage looks for newly finished input while the stage
    /// before it runs. Shorter keeps the last stages closer behind; each look is a few small queries.
    /// </summary>
    [Range(50, 60_000)]
    public int CatchUpMilliseconds { get; set; } = 500;
}
