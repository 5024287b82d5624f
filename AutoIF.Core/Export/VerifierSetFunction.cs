namespace AutoIF.Core.Export;

/// <summary>A kept function of an instruction with its accuracy on the kept cases, as cross-validation scored it.</summary>
public sealed record VerifierSetFunction(int VerifierId, string Code, double Accuracy);
