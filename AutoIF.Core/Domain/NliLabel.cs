namespace AutoIF.Core.Domain;

public enum NliLabel
{
    Unknown = 0,
    Entailment = 1,
    Neutral = 2,
    Contradiction = 3,
}
