namespace AutoIF.Core.Domain;

public enum NliLabel
{
    /// <summary>Not asked yet.</summary>
    Unknown = 0,
    Entailment = 1,
    Neutral = 2,
    Contradiction = 3,
    /// <summary>Asked, and the answer named no label (or the call failed for good): final, and it drops the instruction.</summary>
    Unreadable = 4,
}
