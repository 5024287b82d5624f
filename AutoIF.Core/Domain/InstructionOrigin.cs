namespace AutoIF.Core.Domain;

public enum InstructionOrigin
{
    Seed = 0,
    Augmented = 1,
    Imported = 2,
}
