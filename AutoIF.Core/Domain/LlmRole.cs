namespace AutoIF.Core.Domain;

/// <summary>The supervision model teaches (writes instructions, verifiers, judgements); the policy model is the one being trained.</summary>
public enum LlmRole
{
    Supervision = 0,
    Policy = 1,
}
