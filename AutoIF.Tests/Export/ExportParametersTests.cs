using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

public class ExportParametersTests
{
    [Fact]
    public void A_query_string_reads_back_as_the_same_request()
    {
        var parameters = new ExportParameters
        {
            Runs = ["a", "b c"], Kind = ExportKind.Dpo, Format = "llamafactory-dpo", Container = ExportContainer.Parquet, Layout = LlamaFactoryLayout.ShareGpt,
            MinJudgeScore = 9, MinAccuracy = 0.75, PairLevel = PairLevelFilter.Query, Round = 1, MaxPerInstruction = 3, ValidationSplit = 0.1, Seed = 7,
            Split = DatasetSplit.Validation, System = "Be brief & kind.", DedupPrompts = true, Metadata = true,
        };

        var query = System.Web.HttpUtility.ParseQueryString(parameters.ToQueryString());
        var read = ExportParameters.Parse(name => query.GetValues(name) ?? []);

        var expected = parameters.ToRequest();
        var actual = read.ToRequest();
        Assert.Equal(["a", "b c"], actual.Runs);
        Assert.Equal(expected, actual with { Runs = expected.Runs });
    }

    [Theory]
    [InlineData("round", "first", "'round' must be a number, got 'first'.")]
    [InlineData("pair-level", "all", "'pair-level' must be one of both, query, instruction, got 'all'.")]
    [InlineData("kind", "rlhf", "unknown kind 'rlhf'; use sft, dpo, scores, verifiers or rl")]
    public void A_bad_value_is_refused_naming_the_parameter(string name, string value, string message)
    {
        var values = new Dictionary<string, string> { ["run"] = "r", ["kind"] = "dpo", ["format"] = "trl-dpo", [name] = value };

        var refused = Assert.Throws<ArgumentException>(() => ExportParameters.Parse(n => values.TryGetValue(n, out var v) ? [v] : []).ToRequest());

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_with_no_run_chosen_is_refused_naming_the_run_parameter()
    {
        var refused = Assert.Throws<ArgumentException>(() => new ExportParameters().ToRequest());

        Assert.Equal("'run' is required: name at least one run.", refused.Message);
    }

    [Fact]
    public void Include_reasoning_is_a_flag_of_the_query_string_both_ways()
    {
        var parameters = new ExportParameters { Runs = ["a"], Kind = ExportKind.Sft, Format = "messages", IncludeReasoning = true };

        var query = System.Web.HttpUtility.ParseQueryString(parameters.ToQueryString());

        Assert.Equal("true", query["include-reasoning"]);
        Assert.True(ExportParameters.Parse(name => query.GetValues(name) ?? []).ToRequest().IncludeReasoning);
        query.Remove("include-reasoning");
        Assert.False(ExportParameters.Parse(name => query.GetValues(name) ?? []).ToRequest().IncludeReasoning);
    }
}

