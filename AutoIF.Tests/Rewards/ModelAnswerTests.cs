using AutoIF.Core.Rewards;

namespace AutoIF.Tests.Rewards;

public class ModelAnswerTests
{
    [Theory]
    [InlineData("<think>plan it</think>\n\nThe answer.", "plan it", "The answer.")]
    [InlineData("plan it\n</think>\nThe answer.", "plan it", "The answer.")]
    [InlineData("  <think>\nplan</think>The answer.  ", "plan", "The answer.")]
    [InlineData("<think>a</think>b</think>c", "a", "b</think>c")]
    [InlineData("<think></think>\n\nThe answer.", "", "The answer.")]
    public void A_leading_reasoning_block_is_split_from_the_answer(string text, string reasoning, string answer)
    {
        var split = ModelAnswer.Split(text);

        Assert.Equal((reasoning, answer), (split.Reasoning, split.Answer));
        Assert.False(split.IsEmpty);
    }

    [Theory]
    [InlineData("A plain answer that mentions <think> in passing.")]
    [InlineData(" Leading and trailing space is kept \n")]
    public void Text_without_a_closing_tag_is_all_answer_exactly_as_given(string text)
    {
        var split = ModelAnswer.Split(text);

        Assert.Null(split.Reasoning);
        Assert.Equal(text, split.Answer);
    }

    [Theory]
    [InlineData("<think>ran out of tokens while thinking")]
    [InlineData("<think>only reasoning</think>")]
    [InlineData("<think>only reasoning</think>  \n")]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Reasoning_with_no_answer_after_it_is_an_empty_answer(string text) =>
        Assert.True(ModelAnswer.Split(text).IsEmpty);

    [Theory]
    [InlineData("plan it", "The answer.", "<think>\nplan it\n</think>\n\nThe answer.")]
    [InlineData("", "The answer.", "<think>\n\n</think>\n\nThe answer.")]
    public void With_its_reasoning_an_answer_is_written_as_qwen3_renders_it_and_splits_back_to_the_same_parts(string reasoning, string answer, string written)
    {
        var text = new ModelAnswer(reasoning, answer).WithReasoning();

        Assert.Equal(written, text);
        Assert.Equal(new ModelAnswer(reasoning, answer), ModelAnswer.Split(text));
    }

    [Fact]
    public void An_answer_without_reasoning_is_written_alone() =>
        Assert.Equal("The answer.", new ModelAnswer(null, "The answer.").WithReasoning());
}

