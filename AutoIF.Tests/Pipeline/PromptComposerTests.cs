using AutoIF.Core.Pipeline;

namespace AutoIF.Tests.Pipeline;

public class PromptComposerTests
{
    [Theory]
    [InlineData("write a poem about cats", "answer in fewer than 40 words.", "Write a poem about cats. Answer in fewer than 40 words.")]
    [InlineData("  What is 2 + 2?  ", "End your answer with 'P.S.'", "What is 2 + 2? End your answer with 'P.S.'")]
    [InlineData("explain recursion!", "use no commas", "Explain recursion! Use no commas")]
    [InlineData("list 3 fruits", "wrap the answer in JSON", "List 3 fruits. Wrap the answer in JSON")]
    [InlineData("what's the capital of France", "Answer in one word.", "What's the capital of France. Answer in one word.")]
    [InlineData("iPhone battery tips", "use bullet points", "iPhone battery tips. Use bullet points")]
    [InlineData("define \"entropy\"", "be brief", "Define \"entropy\" Be brief")]
    [InlineData("x_axis labels in matplotlib", "include code", "x_axis labels in matplotlib. Include code")]
    [InlineData("summarise: the text below", "use all caps", "Summarise: the text below. Use all caps")]
    public void Joins_with_capitalised_first_words_and_a_full_stop_where_the_query_has_none(string query, string instruction, string expected) =>
        Assert.Equal(expected, PromptComposer.Compose(query, instruction));

    [Fact]
    public void A_multi_line_query_is_separated_from_the_instruction_by_a_blank_line()
    {
        var prompt = PromptComposer.Compose("fix this code:\n```\nprint(1\n```", "explain the fix in one sentence.");
        Assert.Equal("Fix this code:\n```\nprint(1\n```\n\nExplain the fix in one sentence.", prompt);
    }

    [Fact]
    public void An_empty_part_leaves_the_other_alone()
    {
        Assert.Equal("Answer in French.", PromptComposer.Compose("  ", "answer in French."));
        Assert.Equal("Hello there.", PromptComposer.Compose("hello there", ""));
    }

    [Fact]
    public void Is_deterministic_and_idempotent_on_its_own_output()
    {
        var once = PromptComposer.FixQuery("tell me a joke");
        Assert.Equal("Tell me a joke.", once);
        Assert.Equal(once, PromptComposer.FixQuery(once));
    }

    [Fact]
    public void Several_instructions_follow_the_query_after_a_blank_line_one_per_line_and_one_instruction_joins_as_before()
    {
        Assert.Equal("Tell me a joke.\n\nAnswer in fewer than 50 words.\nMention the word apple",
            PromptComposer.Compose("tell me a joke", ["answer in fewer than 50 words.", "  mention the word apple "]));
        Assert.Equal(PromptComposer.Compose("tell me a joke", "answer briefly."), PromptComposer.Compose("tell me a joke", ["answer briefly."]));
    }
}
