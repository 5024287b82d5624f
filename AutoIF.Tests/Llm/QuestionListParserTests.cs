using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Llm.Parsing;

namespace AutoIF.Tests.Llm;

public sealed class QuestionListParserTests
{
    [Theory]
    [InlineData("Sure:\n```json\n{\"questions\": [\"Does the response use a metaphor?\"], \"cases\": [{\"input\": \"Time is a thief.\", \"output\": True}]}\n```")]
    [InlineData("{\"question\": \"Does the response use a metaphor?\", \"cases\": [[\"Time is a thief.\", \"yes\"]]}")]
    public void A_tolerant_reading_takes_fenced_or_bare_json_with_one_question_or_a_list(string answer)
    {
        var parsed = QuestionListParser.Parse(answer, VerifierParsing.Tolerant);

        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(["Does the response use a metaphor?"], parsed.Value!.Questions);
        Assert.Equal([("Time is a thief.", true)], parsed.Value.Cases.Select(c => (c.Input, c.Expected)));
    }

    [Fact]
    public void Without_json_the_lines_ending_in_a_question_mark_are_the_questions_at_most_three()
    {
        var parsed = QuestionListParser.ParseTolerant("Questions:\n1. Is the tone formal?\n- Does it avoid slang?\n* Is it polite?\n4) Is it long?\nThat is all.");

        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(["Is the tone formal?", "Does it avoid slang?", "Is it polite?"], parsed.Value!.Questions);
        Assert.Empty(parsed.Value.Cases);
    }

    [Theory]
    [InlineData("1. Is the tone formal?")]
    [InlineData("```json\n{\"questions\": \"Is the tone formal?\"}\n```")]
    [InlineData("```json\n{\"questions\": [\"Is the tone formal?\",],}\n```")]
    public void A_strict_reading_needs_a_json_fence_with_a_list_of_strings(string answer)
    {
        Assert.False(QuestionListParser.Parse(answer, VerifierParsing.Strict).Success);
        Assert.True(QuestionListParser.Parse(answer, VerifierParsing.Tolerant).Success);
    }

    [Fact]
    public void An_answer_with_no_question_fails_with_a_reason()
    {
        var parsed = QuestionListParser.ParseTolerant("I cannot think of a question for this.");

        Assert.False(parsed.Success);
        Assert.Equal("No yes/no question found.", parsed.Error);
    }
}
