using AutoIF.Core.Domain;

namespace AutoIF.Tests.Domain;

public class RunSettingsEditorTests
{
    [Fact]
    public void Defaults_are_the_published_ones()
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
}
