namespace AutoIF.Core.Domain;

/// <summary>What one verifier call produced. Only <see cref="True"/> passes.</summary>
public enum VerdictKind : byte
{
    True = 0,
    False = 1,
    NotBool = 2,
    Error = 3,
    Timeout = 4,
    Crashed = 5,
}
