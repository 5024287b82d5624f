namespace AutoIF.Core.Domain;

/// <summary>What decided a <see cref="ConstraintCompatibility"/>.</summary>
public enum CompatibilityEvidence
{
    /// <summary>The supervision model's yes/no to "can a response satisfy both?" (temperature 0, cached).</summary>
    Model = 0,
    /// <summary>A stored response or test case passes both instructions' kept verifiers, so they can be satisfied together.</summary>
    Data = 1,
}
