using AutoIF.Core.Domain;
using AutoIF.Core.Llm.Parsing;

namespace AutoIF.Tests.Llm;

public sealed class LlmParserTests
{
    [Fact]
    public void Instruction_list_reads_bullets_and_numbers_and_ignores_prose()
    {
        const string text = """
            Sure! Here are some new instructions that can be verified with code:

            1. Answer in fewer than 30 words.
            2) **Use exactly two bullet points.**
            - "End your answer with the word 'Goodbye'."
            * Instruction: Do not use the letter "a".
            • Include at least three hashtags.
            - Answer in fewer than 30 words.

            Formatting rules:
            I hope these help with your dataset!
            """;

        var result = InstructionListParser.Parse(text);

        Assert.True(result.Success);
        Assert.Equal(
            ["Answer in fewer than 30 words.", "Use exactly two bullet points.", "End your answer with the word 'Goodbye'.", "Do not use the letter \"a\".", "Include at least three hashtags."],
            result.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I cannot help with that request.")]
    [InlineData("- \n- 12\n-")]
    public void Instruction_list_without_items_fails_with_the_raw_text(string text)
    {
        var result = InstructionListParser.Parse(text);

        Assert.False(result.Success);
        Assert.Equal(text, result.Raw);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Verifier_json_in_a_fence_with_prose_around_it()
    {
        const string text = """
            Here is a function that checks the instruction:

            ```json
            {
              "func": "def evaluate(response: str) -> bool:\n    return len(response.split()) < 30",
              "cases": [
                {"input": "Short answer.", "output": true},
                {"input": "word word word", "output": "True"},
                {"input": "long ...", "output": "false"}
              ]
            }
            ```

            The first case passes because it has only two words.
            """;

        var result = VerifierJsonParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal("def evaluate(response: str) -> bool:\n    return len(response.split()) < 30\n", result.Value!.Func);
        Assert.Equal([true, true, false], result.Value.Cases.Select(c => c.Expected));
        Assert.Equal("Short answer.", result.Value.Cases[0].Input);
    }

    [Fact]
    public void Verifier_json_bare_with_raw_newlines_python_booleans_and_trailing_commas()
    {
        const string text = "{\"func\": \"def evaluate(response):\n    return 'e' not in response\", \"cases\": [{\"input\": \"abc\", \"output\": True}, {\"input\": \"eel\", \"output\": False},],}";

        var result = VerifierJsonParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal("def evaluate(response):\n    return 'e' not in response\n", result.Value!.Func);
        Assert.Equal([true, false], result.Value.Cases.Select(c => c.Expected));
    }

    [Fact]
    public void Verifier_json_with_double_escaped_source_pair_cases_and_a_python_fence_inside_func()
    {
        const string text = """
            ```
            {"func": "```python\ndef evaluate(response):\n    return response.isupper()\n```", "cases": [["HELLO", "True"], ["hello", 0], ["x", "maybe"]]}
            ```
            """;
        const string escaped = """{"func": "def evaluate(response):\\n    return response.isupper()", "cases": [{"input": "A", "output": 1}]}""";

        var fenced = VerifierJsonParser.Parse(text);
        var doubled = VerifierJsonParser.Parse(escaped);

        Assert.True(fenced.Success, fenced.Error);
        Assert.Equal("def evaluate(response):\n    return response.isupper()\n", fenced.Value!.Func);
        Assert.Equal(2, fenced.Value.Cases.Count);
        Assert.Equal(1, fenced.Value.SkippedCases);
        Assert.True(doubled.Success, doubled.Error);
        Assert.Equal("def evaluate(response):\n    return response.isupper()\n", doubled.Value!.Func);
    }

    [Fact]
    public void Verifier_json_prefers_the_object_with_func_when_prose_has_other_braces()
    {
        const string text = "The set {a, b} is irrelevant. {\"note\": 1} Answer: {\"func\": \"def evaluate(r):\\n    return True\", \"cases\": [{\"input\": \"x\", \"output\": true}]}";

        var result = VerifierJsonParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Single(result.Value!.Cases);
    }

    [Theory]
    [InlineData("I'm sorry, I can't write that function.")]
    [InlineData("```json\n{\"func\": \"def evaluate(r): return True\", \"cases\": [{\"input\": \"x\", \"output\": \"perhaps\"}]}\n```")]
    [InlineData("{\"cases\": [{\"input\": \"x\", \"output\": true}]}")]
    [InlineData("```json\n{\"func\": \"def evaluate(r):\\n    return True\", \"cases\": [{\"input\": \"x\", \"out")]
    public void Verifier_json_failures_are_reported_not_thrown(string text)
    {
        var result = VerifierJsonParser.Parse(text);

        Assert.False(result.Success);
        Assert.Equal(text, result.Raw);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Theory]
    [InlineData("Instruction: Answer in fewer than 30 words.", new[] { "Answer in fewer than 30 words." })]
    [InlineData("**Instruction:** \"Use only lowercase letters.\"", new[] { "Use only lowercase letters." })]
    [InlineData("Here is what the code checks:\n1. Instruction: Use no commas.\n2. Instruction: Keep it short.", new[] { "Use no commas.", "Keep it short." })]
    [InlineData("- End with a question.\n- Use a title.", new[] { "End with a question.", "Use a title." })]
    [InlineData("Write your answer in exactly three sentences.", new[] { "Write your answer in exactly three sentences." })]
    public void Back_translations_are_read_from_labelled_lines_lists_or_a_single_line(string text, string[] expected)
    {
        var result = BackTranslationParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Back_translation_of_several_prose_lines_fails()
    {
        var result = BackTranslationParser.Parse("The function looks at the text.\nIt then does some checks.\nFinally it returns.");

        Assert.False(result.Success);
    }

    [Theory]
    [InlineData("Label: entailment", NliLabel.Entailment)]
    [InlineData("The premise is about length while the hypothesis is about case.\n\nLabel: **Neutral**", NliLabel.Neutral)]
    [InlineData("At first this looks like entailment, but the hypothesis asks for capitals. Label: contradiction", NliLabel.Contradiction)]
    [InlineData("These two instructions contradict each other.", NliLabel.Contradiction)]
    [InlineData("ENTAILMENT", NliLabel.Entailment)]
    public void Nli_labels_take_the_conclusion(string text, NliLabel expected)
    {
        var result = NliLabelParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Nli_without_a_label_fails()
    {
        Assert.False(NliLabelParser.Parse("I am not sure what you mean.").Success);
    }

    [Theory]
    [InlineData("Good answer.\nScore: 9", 9)]
    [InlineData("Analysis: the response is relevant.\n\n**Score: 8**", 8)]
    [InlineData("It misses the point.\nScore: 3/10", 3)]
    [InlineData("A first draft said Score: 10 but on reflection...\nScore: 7.5", 7)]
    [InlineData("Final score: 10\r\n", 10)]
    [InlineData("score:0", 0)]
    public void Judge_scores_come_from_the_last_score_line(string text, int expected)
    {
        var result = JudgeScoreParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value!.Score);
    }

    [Fact]
    public void Judge_rationale_is_the_text_before_the_score()
    {
        var result = JudgeScoreParser.Parse("The response answers the query.\n\nScore: 9");

        Assert.Equal("The response answers the query.", result.Value!.Rationale);
    }

    [Theory]
    [InlineData("The response is great, I'd give it a nine.")]
    [InlineData("Score: 11")]
    [InlineData("Score: high")]
    public void Judge_without_a_valid_score_fails(string text)
    {
        var result = JudgeScoreParser.Parse(text);

        Assert.False(result.Success);
        Assert.Equal(text, result.Raw);
    }

    [Theory]
    [InlineData("Fine analysis.\nScore: 9", 9)]
    [InlineData("Fine analysis.\nScore: 10\n", 10)]
    [InlineData("Score: 3 then more text", null)]
    [InlineData("Fine.\n**Score: 9**", null)]
    [InlineData("Fine.\nScore: 9.5", null)]
    public void Strict_judge_scores_are_read_as_the_scripts_read_them(string text, int? expected)
    {
        var result = JudgeScoreParser.Parse(text, AutoIF.Core.Domain.Settings.JudgeParsing.Strict);
        Assert.Equal(expected, result.Success ? result.Value!.Score : null);
    }

    [Fact]
    public void Strict_verifier_parsing_reads_only_the_first_json_block_keeps_outputs_as_written_and_removes_network_lines()
    {
        const string answer = """
            Here you go:
            ```json
            {"func": "  import requests\ndef evaluate(response):\n    return len(response) < 5  ", "cases": [{"input": "abc", "output": "True"}, {"input": "abcdef", "output": false}, {"input": "x"}]}
            ```
            ```json
            {"func": "def evaluate(response):\n    return True", "cases": []}
            ```
            """;

        var result = VerifierJsonParser.Parse(answer, AutoIF.Core.Domain.Settings.VerifierParsing.Strict);

        Assert.True(result.Success, result.Error);
        Assert.Equal("def evaluate(response):\n    return len(response) < 5", result.Value!.Func);
        Assert.Equal([("abc", "\"True\""), ("abcdef", "false")], result.Value.Cases.Select(c => (c.Input, c.ExpectedJson!)));
        Assert.Equal(1, result.Value.SkippedCases);
        Assert.False(VerifierJsonParser.Parse("{\"func\": \"def evaluate(r): return True\", \"cases\": []}", AutoIF.Core.Domain.Settings.VerifierParsing.Strict).Success);
        Assert.False(VerifierJsonParser.Parse("```json\n{'func': 'x', 'cases': []}\n```", AutoIF.Core.Domain.Settings.VerifierParsing.Strict).Success);
    }
}
