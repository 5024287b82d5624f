using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Tests.Domain;

public class RunSettingsEditorTests
{
    [Fact]
    public void Defaults_are_the_paper_profile()
    {
        var s = new RunSettings();
        Assert.Equal(5, s.Verifiers.Samples);
        Assert.Equal(0.5, s.CrossValidation.CaseAgreement);
        Assert.Equal(0.5, s.CrossValidation.FunctionAccuracy);
        Assert.Equal(16, s.Compose.QueriesPerInstruction);
        Assert.Equal(8, s.Responses.Samples);
        Assert.Equal(8, s.Judge.MinScore);
        Assert.Equal(4, s.Dpo.MaxPairsPerPrompt);
    }

    [Fact]
    public void Apply_sets_nested_keys_without_touching_the_original()
    {
        var original = new RunSettings();
        var changed = RunSettingsEditor.Apply(original, [new("CrossValidation:FunctionAccuracy", "0.8"), new("Responses:Role", "policy"), new("RandomSeed", "7")]);
        Assert.Equal(0.8, changed.CrossValidation.FunctionAccuracy);
        Assert.Equal(LlmRole.Policy, changed.Responses.Role);
        Assert.Equal(7, changed.RandomSeed);
        Assert.Equal(0.5, original.CrossValidation.FunctionAccuracy);
    }

    [Fact]
    public void Model_names_are_optional_text_settings()
    {
        var settings = RunSettingsEditor.Apply(new RunSettings(), [new("Models:Supervision", " qwen2-72b-instruct "), new("Models:Policy", "default")]);

        Assert.Equal("qwen2-72b-instruct", settings.Models.Supervision);
        Assert.Null(settings.Models.Policy);
        var described = RunSettingsEditor.Describe(settings).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(("qwen2-72b-instruct", "default"), (described["Models:Supervision"], described["Models:Policy"]));
    }

    [Fact]
    public void Seed_ids_are_a_comma_separated_list()
    {
        Assert.Equal([1, 2, 7], RunSettingsEditor.Apply(new RunSettings(), [new("Seeds:Ids", "1, 2,7")]).Seeds.IdSet()!.Order());
        var ex = Assert.Throws<ArgumentException>(() => RunSettingsEditor.Apply(new RunSettings(), [new("Seeds:Ids", "first,second")]));
        Assert.Contains("Seeds:Ids", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CrossValidation:Nope", "1", "Unknown run setting 'CrossValidation:Nope'")]
    [InlineData("Judge:MinScore", "eleven", "run setting 'Judge:MinScore'")]
    [InlineData("Judge:MinScore", "11", "MinScore")]
    [InlineData("Responses:Role", "Teacher", "Responses:Role")]
    public void Apply_refuses_unknown_keys_and_bad_values_naming_the_key(string key, string value, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => RunSettingsEditor.Apply(new RunSettings(), [new(key, value)]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_lists_every_key_from_the_design()
    {
        var keys = RunSettingsEditor.Describe(new RunSettings()).Select(k => k.Key).ToList();
        foreach (var expected in new[] { "Seeds:Max", "Augment:Rounds", "Verifiers:Samples", "CrossValidation:MinFunctions", "CrossValidation:MinCases",
                     "CrossValidation:CaseAgreement", "CrossValidation:FunctionAccuracy", "BackTranslation:Functions", "Queries:MinLength", "Queries:MaxLength",
                     "Compose:QueriesPerInstruction", "Responses:Samples", "Responses:Role", "Responses:Temperature", "Verify:MinAccuracy", "Judge:MinScore",
                     "Dpo:ChosenMinAccuracy", "Dpo:MaxPairsPerPrompt", "RandomSeed" })
        {
            Assert.Contains(expected, keys);
        }
    }

    [Fact]
    public void A_profile_is_applied_first_whatever_its_place_and_the_other_settings_after_it_in_order()
    {
        var settings = RunSettingsEditor.Apply(new RunSettings(),
            [new("CrossValidation:MinCases", "5"), new("Profile", "scripts"), new("Verify:MinAccuracy", "0.25"), new("Verify:MinAccuracy", "0.3")]);

        Assert.Equal(MethodProfile.Scripts, settings.Profile);
        Assert.Equal(5, settings.CrossValidation.MinCases);
        Assert.Equal(0.3, settings.Verify.MinAccuracy);
        Assert.Equal((0.8, MinimumRule.AtLeast), (settings.CrossValidation.FunctionAccuracy, settings.CrossValidation.FunctionAccuracyRule));
        Assert.Equal(
            [new RunSettingChange("CrossValidation:MinCases", "5", "10"), new RunSettingChange("Verify:MinAccuracy", "0.3", "0")],
            RunSettingsEditor.ChangesFromProfile(settings));
    }

    [Fact]
    public void Rules_are_written_as_comparisons_and_read_back_as_written()
    {
        var settings = RunSettingsEditor.Apply(new RunSettings(),
            [new("CrossValidation:FunctionAccuracyRule", ">="), new("Queries:MaxLengthRule", "<"), new("CrossValidation:CaseMatch", "python-equals")]);

        var described = RunSettingsEditor.Describe(settings).ToDictionary(d => d.Key, d => d.Value);
        Assert.Equal((">=", "<", "python-equals", "paper"),
            (described["CrossValidation:FunctionAccuracyRule"], described["Queries:MaxLengthRule"], described["CrossValidation:CaseMatch"], described["Profile"]));
        var error = Assert.Throws<ArgumentException>(() => RunSettingsEditor.Apply(new RunSettings(), [new("Judge:MinScoreRule", "=>")]));
        Assert.Contains("Judge:MinScoreRule", error.Message, StringComparison.Ordinal);
        Assert.Contains(">, >=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_saved_before_profiles_existed_reads_as_paper()
    {
        var stored = JsonSerializer.Deserialize<RunSettings>("""{"CrossValidation":{"MinFunctions":3,"MinCases":1,"CaseAgreement":0.5,"FunctionAccuracy":0.8},"Judge":{"MinScore":8}}""")!;

        Assert.Equal(MethodProfile.Paper, stored.Profile);
        Assert.Equal(MinimumRule.Above, stored.CrossValidation.FunctionAccuracyRule);
        Assert.Equal([new RunSettingChange("CrossValidation:FunctionAccuracy", "0.8", "0.5")], RunSettingsEditor.ChangesFromProfile(stored));
    }

    [Fact]
    public void Every_setting_has_an_explanation_and_a_source_for_each_profile()
    {
        var catalog = RunSettingsEditor.Catalog();

        Assert.Equal(RunSettingsEditor.Describe(new RunSettings()).Select(d => d.Key), catalog.Select(c => c.Key));
        Assert.All(catalog, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), c.Key));
        Assert.Equal(["paper", "scripts"], catalog.Single(c => c.Key == "Profile").Choices);
        Assert.Equal("0–1", catalog.Single(c => c.Key == "Verify:MinAccuracy").Range);
    }
}
