namespace AutoIF.Core.Domain;

/// <summary>
/// A verifier version's self-test: whether it rejects at least one of the probe texts and kept cases expecting False.
/// <see cref="Constant"/> (the same verdict on every response of the run) is read from the verdicts after Verify.
/// </summary>
public enum VerifierSelfTest
{
    Unchecked = 0,
    Ok = 1,
    Vacuous = 2,
    Constant = 3,
}
