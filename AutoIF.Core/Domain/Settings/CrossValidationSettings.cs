using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record CrossValidationSettings
{
    [Range(1, 100)]
    [Description("Distinct compiled functions an instruction needs before validation")]
    [SettingSource("scripts (the paper sets none)", "code/3_cross_validation.py")]
    public int MinFunctions { get; set; } = 3;

    [Range(1, 1000)]
    [Description("Distinct test cases an instruction needs before validation")]
    [SettingSource("paper (at least one case survives)", "code/3_cross_validation.py")]
    public int MinCases { get; set; } = 1;

    [Range(0.0, 1.0)]
    [Description("A test case is kept when this share of the functions return its expected output")]
    [SettingSource("paper (more than half agree)", "code/3_cross_validation.py (any function agrees)")]
    public double CaseAgreement { get; set; } = 0.5;

    [Description("How the case agreement is compared with CaseAgreement")]
    [SettingSource("paper", "code/3_cross_validation.py")]
    public MinimumRule CaseAgreementRule { get; set; } = MinimumRule.Above;

    [Range(0.0, 1.0)]
    [Description("A function is kept when its accuracy on the kept cases passes this")]
    [SettingSource("paper", "code/3_cross_validation.py")]
    public double FunctionAccuracy { get; set; } = 0.5;

    [Description("How a function's accuracy is compared with FunctionAccuracy")]
    [SettingSource("paper", "code/3_cross_validation.py")]
    public MinimumRule FunctionAccuracyRule { get; set; } = MinimumRule.Above;

    [Description("When a result matches a case: the expected output as a boolean, or Python's == on the value as written")]
    [SettingSource("ours", "code/3_cross_validation.py")]
    public CaseMatch CaseMatch { get; set; } = CaseMatch.Bool;

    [Description("Which cases and functions take part: all, or only those of answers whose function runs")]
    [SettingSource("ours", "code/3_cross_validation.py")]
    public CasePool CasePool { get; set; } = CasePool.AllAnswers;

    [Description("Drop a function that accepts every probe text and every kept case expecting False (a vacuous check)")]
    [SettingSource("ours (the paper drops no vacuous check)", "the scripts drop none")]
    public bool DropVacuous { get; set; } = true;
}
