namespace AutoIF.Core.Domain;

public enum ReviewTarget
{
    Instruction = 0,
    Verifier = 1,
    Response = 2,
    Pair = 3,
}
