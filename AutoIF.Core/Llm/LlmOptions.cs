namespace AutoIF.Core.Llm;

/// <summary>Configuration section <c>Llm</c> (its keys are a contract: README's Configuration section lists them, and settings files and <c>--Llm:…</c> flags use them).</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Null means: <see cref="LlmMode.Endpoint"/> when the supervision base URL is set, otherwise <see cref="LlmMode.Demo"/>.</summary>
    public LlmMode? Mode { get; set; }

    public ModelEndpointOptions Supervision { get; set; } = new();

    /// <summary>The model being trained. Without a base URL of its own the policy role uses the supervision endpoint.</summary>
    public ModelEndpointOptions Policy { get; set; } = new();

    public LlmResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Whether each server's <c>MaxConcurrency</c> holds across every process on the app's database (workers, the app, CLI
    /// commands) rather than per process; null means on whenever there is a database. Decision 038.
    /// </summary>
    public bool? SharedSlots { get; set; }

    public LlmMode EffectiveMode => Mode ?? (Supervision.HasEndpoint ? LlmMode.Endpoint : LlmMode.Demo);

    /// <summary>The settings a role actually uses.</summary>
    public ModelEndpointOptions For(Domain.LlmRole role) =>
        role == Domain.LlmRole.Policy && Policy.HasEndpoint ? Policy : Supervision;

    public override string ToString() => $"Mode={EffectiveMode}; Supervision: {Supervision}; Policy: {Policy}";
}
