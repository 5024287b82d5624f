using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Domain;

/// <summary>
/// A profile is a named set of defaults. <c>paper</c> is <see cref="RunSettings"/>'s own initial values; <c>scripts</c>
/// changes exactly the rules in which the published scripts differ from the paper, so a run under it reproduces
/// what the scripts compute (decision 014).
/// </summary>
public static class RunProfiles
{
    public static RunSettings Defaults(MethodProfile profile) => profile switch
    {
        MethodProfile.Scripts => Scripts(),
        _ => new RunSettings(),
    };

    private static RunSettings Scripts()
    {
        var settings = new RunSettings { Profile = MethodProfile.Scripts };
        settings.Verifiers.Samples = 8;
        settings.Verifiers.Parsing = VerifierParsing.Strict;
        settings.CrossValidation.MinFunctions = 3;
        settings.CrossValidation.MinCases = 10;
        settings.CrossValidation.CaseAgreement = 0;
        settings.CrossValidation.CaseAgreementRule = MinimumRule.Above;
        settings.CrossValidation.FunctionAccuracy = 0.8;
        settings.CrossValidation.FunctionAccuracyRule = MinimumRule.AtLeast;
        settings.CrossValidation.CaseMatch = CaseMatch.PythonEquals;
        settings.CrossValidation.CasePool = CasePool.CompiledAnswers;
        settings.CrossValidation.DropVacuous = false;
        settings.BackTranslation.Prompt = BackTranslationPrompt.OneList;
        settings.Queries.MinLengthRule = MinimumRule.Above;
        settings.Queries.MaxLengthRule = MaximumRule.Below;
        settings.Verify.MinAccuracy = 0;
        settings.Verify.MinAccuracyRule = MinimumRule.Above;
        settings.Verify.Counting = VerdictCounting.PythonInt;
        settings.Verify.SkipAfterTimeouts = 0;
        settings.Judge.MinScore = 8;
        settings.Judge.MinScoreRule = MinimumRule.Above;
        settings.Judge.Parsing = JudgeParsing.Strict;
        settings.Dpo.Sampling = DpoSampling.Random;
        settings.Dpo.RequireJudge = false;
        settings.Dpo.InstructionLevel = false;
        return settings;
    }
}
