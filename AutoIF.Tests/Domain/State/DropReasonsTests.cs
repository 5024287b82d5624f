using AutoIF.Core.Domain.State;

namespace AutoIF.Tests.Domain.State;

public class DropReasonsTests
{
    /// <summary>One reason per code, as the stages wrote it in prose before codes (texts from the golden run and the stage tests).</summary>
    public static TheoryData<string, string> TodaysProse => new()
    {
        { "augment.near-duplicate", "near duplicate of instruction #12 (word similarity 0.91)" },
        { "verifiers.no-usable-answer", "no usable verifier in 3 answers (No JSON object found.)" },
        { "compile.syntax-error", "syntax error: invalid syntax (<verifier>, line 2)" },
        { "compile.no-evaluate", "no evaluate function: name 'evaluate' is not defined" },
        { "compile.not-callable", "evaluate is not callable: evaluate = 3" },
        { "compile.failed", "does not compile: worker crashed" },
        { "cross-validate.too-few-functions", "only 2 compiled distinct functions (needs 3)" },
        { "cross-validate.too-few-cases", "only 2 distinct test cases (needs 3)" },
        { "cross-validate.no-agreed-case", "no test case has more than 50% of the functions agreeing with it" },
        { "cross-validate.no-accurate-function", "no function is right on more than 50% of the kept cases" },
        { "cross-validate.function-inaccurate", "right on 1 of 3 kept cases (33%, needs more than 50%)" },
        { "cross-validate.no-kept-case", "no test case was kept for this instruction" },
        { "cross-validate.vacuous", "vacuous: accepts all 10 probe texts and all 2 kept cases expecting False" },
        { "cross-validate.question-inaccurate", "the model's answers match 2 of 4 test cases (50%, needs more than 50%)" },
        { "cross-validate.question-case-disagreed", "only 0 of 1 kept questions are answered False (needs more than 50%)" },
        { "verifier.superseded", "replaced by version 2" },
        { "cross-validate.case-disagreed", "only 3 of 4 functions return False (needs more than 75%)" },
        { "cross-validate.instruction-too-few-functions", "instruction has too few functions" },
        { "cross-validate.case-function-does-not-run", "written with a function that does not run" },
        { "cross-validate.duplicate-case", "the same input and expected output as case 17" },
        { "back-translate.unreadable", "no back-translation could be read from the model's answers" },
        { "consistency.no-back-translation", "no back-translation to check it against" },
        { "consistency.contradiction", "a back-translation contradicts it: \"Answer in French.\"" },
        { "consistency.unreadable-label", "the consistency check gave no readable label for \"Answer in French.\"" },
        { "queries.shorter-than", "shorter than 20 characters" },
        { "queries.at-most-length", "20 characters or shorter" },
        { "queries.longer-than", "longer than 300 characters" },
        { "queries.at-least-length", "300 characters or longer" },
        { "verify.duplicate-response", "the same text as response 13 to this prompt (counted once)" },
        { "verify.no-kept-verifier", "the instruction has no kept verifier" },
        { "verify.empty-answer", "the answer is empty: nothing follows the reasoning" },
        { "verify.accuracy-with-uncounted", "accuracy 0.5 (1 of 2 verifiers pass; 1 verifier(s) errored or timed out and were not counted), needs more than 0.5" },
        { "verify.accuracy", "accuracy 0 (0 of 3 verifiers pass), needs more than 0.5" },
        { "verify.constraint-failed", "1 of 3 constraints fail; instruction #7: accuracy 0, needs more than 0.5" },
        { "verify.constraint-without-verifier", "1 of 2 constraints fail; instruction #9 has no kept verifier" },
        { "judge.score", "judge score 3 (needs at least 8)" },
        { "judge.no-score", "the judge gave no usable score: No \"Score: N\" line found." },
        { "review.rejected", "rejected by a reviewer" },
    };

    [Theory]
    [MemberData(nameof(TodaysProse))]
    public void Stored_prose_reads_back_as_its_code_and_renders_to_the_same_text(string code, string text)
    {
        var parsed = DropReasons.Parse(text);

        Assert.Equal(code, parsed.Code);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(text, DropReasons.Read(parsed.Code, parsed.ArgumentsJson, null)!.Text);
    }

    [Fact]
    public void Every_code_but_legacy_has_a_prose_example_above() =>
        Assert.Equal(
            DropReasons.All.Where(c => c != DropReasons.Legacy).Select(c => c.Code).Order(StringComparer.Ordinal),
            TodaysProse.Select(row => (string)row[0]).Order(StringComparer.Ordinal));

    [Fact]
    public void Text_no_template_reads_is_kept_as_legacy_and_rendered_back_as_written()
    {
        var parsed = DropReasons.Parse("only 1 of 3 functions agree");

        Assert.Equal((DropReasons.Legacy.Code, "only 1 of 3 functions agree"), (parsed.Code, parsed.Text));
    }

    [Fact]
    public void Reasons_differing_only_in_numbers_share_a_funnel_label_and_quoted_text_is_elided()
    {
        Assert.Equal(
            "only N of N functions return False (needs more than N)",
            DropReasons.CaseDisagreed.With("3", "4", "False", "more than 75%").Label);
        Assert.Equal("a back-translation contradicts it: \"…\"", DropReasons.Contradiction.With("Answer in French.").Label);
    }

    [Fact]
    public void A_code_given_the_wrong_number_of_arguments_is_refused_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => DropReasons.JudgeScore.With("3"));

        Assert.Contains("judge.score", error.Message, StringComparison.Ordinal);
        Assert.Contains("score, rule", error.Message, StringComparison.Ordinal);
    }
}
