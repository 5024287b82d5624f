using System.ComponentModel.DataAnnotations;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Domain;

/// <summary>
/// Everything that shapes a run, saved with it. Keys are "Section:Property" (DESIGN.md §10), the same in
/// the Runs page form and in <c>--set Key=Value</c>; see <see cref="RunSettingsEditor"/>.
/// </summary>
public sealed record RunSettings
{
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

    [Range(0, int.MaxValue)]
    public int RandomSeed { get; set; } = 42;
}
