using System.Text.Json;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads a questions answer (decision 034): <c>{"questions": [...], "cases": [...]}</c>. Tolerantly as
/// <see cref="VerifierJsonParser"/> reads a verifier answer (fenced or bare, repaired; one question as a string; a bare
/// list of questions), and, when no JSON holds a question, the answer's lines that end in a question mark (bullets and
/// numbers removed). Strictly (the scripts profile's Verifiers:Parsing): the first ```json block as strict JSON with a
/// "questions" list of strings. At most three distinct questions are kept, in order.
/// </summary>
public static partial class QuestionListParser
{
    public const int MaxQuestions = 3;

    public static ParseResult<QuestionSpec> Parse(string text, VerifierParsing parsing) =>
        parsing == VerifierParsing.Strict ? ParseStrict(text) : ParseTolerant(text);

    public static ParseResult<QuestionSpec> ParseStrict(string text)
    {
        text ??= "";
        var fence = VerifierJsonParser.StrictFence().Match(text);
        if (!fence.Success)
        {
            return ParseResults.Fail<QuestionSpec>("No ```json block.", text);
        }
        try
        {
            using var document = JsonDocument.Parse(fence.Groups["body"].Value.Trim());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || VerifierJsonParser.Last(root, "questions") is not { ValueKind: JsonValueKind.Array } list
                || list.EnumerateArray().Any(q => q.ValueKind != JsonValueKind.String))
            {
                return ParseResults.Fail<QuestionSpec>("No \"questions\" list of strings in the JSON object.", text);
            }
            var cases = VerifierJsonParser.Last(root, "cases") is { ValueKind: JsonValueKind.Array } c
                ? c.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && VerifierJsonParser.Last(i, "input") is { ValueKind: JsonValueKind.String }
                        && VerifierJsonParser.Last(i, "output") is { ValueKind: JsonValueKind.True or JsonValueKind.False })
                    .Select(i => new VerifierCase(VerifierJsonParser.Last(i, "input")!.Value.GetString()!, VerifierJsonParser.Last(i, "output")!.Value.GetBoolean())).ToList()
                : [];
            return Result(list.EnumerateArray().Select(q => q.GetString()!), cases, text);
        }
        catch (JsonException ex)
        {
            return ParseResults.Fail<QuestionSpec>("Invalid JSON: " + ex.Message, text);
        }
    }

    public static ParseResult<QuestionSpec> ParseTolerant(string text)
    {
        text ??= "";
        foreach (var candidate in VerifierJsonParser.Candidates(text).Concat(Lists(text)))
        {
            foreach (var attempt in new[] { candidate, VerifierJsonParser.Repair(candidate) }.Distinct())
            {
                try
                {
                    using var document = JsonDocument.Parse(attempt, VerifierJsonParser.Options);
                    if (Read(document.RootElement) is { Questions.Count: > 0 } read)
                    {
                        return Result(read.Questions, read.Cases, text);
                    }
                }
                catch (JsonException)
                {
                    // Not this candidate; the next one, or the lines, may hold the questions.
                }
            }
        }
        var lines = QuestionLine().Matches(text).Select(m => m.Groups["question"].Value).ToList();
        return lines.Count > 0 ? Result(lines, [], text) : ParseResults.Fail<QuestionSpec>("No yes/no question found.", text);
    }

    private static QuestionSpec? Read(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return new QuestionSpec([.. root.EnumerateArray().Where(q => q.ValueKind == JsonValueKind.String).Select(q => q.GetString()!)], []);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var questions = VerifierJsonParser.Property(root, "questions", "question") switch
        {
            { ValueKind: JsonValueKind.String } one => [one.GetString()!],
            { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().Where(q => q.ValueKind == JsonValueKind.String).Select(q => q.GetString()!).ToList(),
            _ => new List<string>(),
        };
        var cases = VerifierJsonParser.Property(root, "cases", "test_cases", "tests") is { ValueKind: JsonValueKind.Array } c
            ? c.EnumerateArray().Select(VerifierJsonParser.ReadCase).OfType<VerifierCase>().ToList()
            : [];
        return new QuestionSpec(questions, cases);
    }

    private static ParseResult<QuestionSpec> Result(IEnumerable<string> questions, IReadOnlyList<VerifierCase> cases, string text)
    {
        var kept = questions.Select(q => q.Trim()).Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxQuestions).ToList();
        return kept.Count == 0 ? ParseResults.Fail<QuestionSpec>("The questions list is empty.", text) : ParseResults.Ok(new QuestionSpec(kept, cases), text);
    }

    // A bare JSON list of questions, which the object candidates do not offer.
    private static IEnumerable<string> Lists(string text)
    {
        var start = text.IndexOf('[', StringComparison.Ordinal);
        var end = text.LastIndexOf(']');
        return start >= 0 && end > start ? [text[start..(end + 1)]] : [];
    }

    [GeneratedRegex(@"^[ \t]*(?:[-*•]|\d+[.)])?[ \t]*(?<question>[A-Z][^\n?]*\?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex QuestionLine();
}
