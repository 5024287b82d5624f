using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Domain;

/// <summary>
/// Everything that shapes a run, saved whole with it. Keys are "Section:Property", the same in the Runs page form and
/// in <c>--set Key=Value</c>; see <see cref="RunSettingsEditor"/>. The initial values are the <c>paper</c> profile's;
/// <see cref="RunProfiles"/> holds the other profile's, and a run saved before profiles existed reads as <c>paper</c>.
/// </summary>
public sealed record RunSettings
{
    [Description("The reading of the method the defaults follow: the paper's, or the published scripts' exactly")]
    [SettingSource("paper", "scripts")]
    public MethodProfile Profile { get; set; } = MethodProfile.Paper;

    public ModelsSettings Models { get; set; } = new();
    public SeedsSettings Seeds { get; set; } = new();
    public AugmentSettings Augment { get; set; } = new();
    public VerifiersSettings Verifiers { get; set; } = new();
    public CrossValidationSettings CrossValidation { get; set; } = new();
    public BackTranslationSettings BackTranslation { get; set; } = new();
    public QueriesSettings Queries { get; set; } = new();
    public ComposeSettings Compose { get; set; } = new();
    public ResponsesSettings Responses { get; set; } = new();
    public VerifySettings Verify { get; set; } = new();
    public JudgeSettings Judge { get; set; } = new();
    public DpoSettings Dpo { get; set; } = new();
    public RunLimitsSettings Run { get; set; } = new();

    [Range(0, int.MaxValue)]
    [Description("Seed of every sampled choice (queries drawn, pairs drawn), so a rerun draws the same")]
    [SettingSource("ours", "ours (the scripts seed random with 0 and do not seed the pairing)")]
    public int RandomSeed { get; set; } = 42;
}
