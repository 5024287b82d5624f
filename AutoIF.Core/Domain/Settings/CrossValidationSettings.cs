using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record CrossValidationSettings
{
    /// <summary>Distinct compiled functions an instruction needs before validation (the reference scripts use 3).</summary>
    [Range(1, 100)]
    public int MinFunctions { get; set; } = 3;

    /// <summary>Distinct test cases needed before validation (the reference scripts use 10; the paper's criterion is 1).</summary>
    [Range(1, 1000)]
    public int MinCases { get; set; } = 1;

    /// <summary>A case is kept when strictly more than this share of functions agree with its expected output.</summary>
    [Range(0.0, 1.0)]
    public double CaseAgreement { get; set; } = 0.5;

    /// <summary>A function is kept when its accuracy on kept cases is strictly above this (paper 0.5, scripts 0.8).</summary>
    [Range(0.0, 1.0)]
    public double FunctionAccuracy { get; set; } = 0.5;
}
