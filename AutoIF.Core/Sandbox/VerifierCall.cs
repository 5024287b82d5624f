namespace AutoIF.Core.Sandbox;

/// <summary>One requested call: source <see cref="SourceIndex"/> of a batch applied to input <see cref="InputIndex"/>.</summary>
public readonly record struct VerifierCall(int SourceIndex, int InputIndex);
