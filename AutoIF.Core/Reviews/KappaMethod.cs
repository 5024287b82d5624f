namespace AutoIF.Core.Reviews;

/// <summary>Which kappa a <see cref="ReviewerAgreement"/> is: Cohen's for two reviewers, Fleiss' for more.</summary>
public enum KappaMethod
{
    Cohen,
    Fleiss,
}
