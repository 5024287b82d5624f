using System.Globalization;
using System.Text.RegularExpressions;
using AutoIF.Tests.Llm;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// A deterministic stand-in for the supervision model behind <see cref="FakeOpenAiServer.Responder"/>: the answer is a
/// function of the prompt alone, so two runs with the same settings (or a run interrupted and resumed) see the same
/// answers. It is built so every filter has something to do: an instruction no code can check (dropped at Verifiers),
/// one whose function fails its own case (dropped at cross-validation), one whose back-translation contradicts it
/// (dropped at consistency), responses that pass some instructions and fail others, and judge scores on both sides of 8.
/// </summary>
public static partial class RuleBasedModel
{
    public static readonly string[] AugmentedInstructions =
    [
        "Answer in fewer than 12 words.",
        "Answer in fewer than 40 words.",
        "Answer in fewer than 60 words.",
        "Include the word 'banana' at least once.",
        "Include the word 'river' at least once.",
        "Use exactly three sentences.",
        "Write in a cheerful tone.",
    ];

    public static FakeReply? Answer(string prompt)
    {
        if (prompt.Contains("new instructions in the same spirit", StringComparison.Ordinal))
        {
            return FakeReply.Answer(string.Join('\n', AugmentedInstructions.Select(i => "- " + i)));
        }
        if (prompt.Contains("Write a function that checks whether a response follows an instruction", StringComparison.Ordinal))
        {
            return FakeReply.Answer(Verifier(InstructionLine().Match(prompt).Groups[1].Value.Trim()));
        }
        if (prompt.Contains("State, as one instruction addressed to the writer", StringComparison.Ordinal))
        {
            return FakeReply.Answer(BackTranslation(prompt));
        }
        if (prompt.Contains("Decide the logical relation between two instructions", StringComparison.Ordinal))
        {
            var contradicts = HypothesisLine().Match(prompt).Groups[1].Value.Contains("more than", StringComparison.Ordinal);
            return FakeReply.Answer("Label: " + (contradicts ? "contradiction" : "entailment"));
        }
        if (prompt.Contains("You are reviewing a response written by an assistant", StringComparison.Ordinal))
        {
            var query = QueryLine().Match(prompt).Groups[1].Value;
            return FakeReply.Answer($"The response addresses the query.\nScore: {(StableHash(query) % 3 == 0 ? 7 : 9)}");
        }
        return FakeReply.Answer(Response(prompt));
    }

    private static string Verifier(string instruction)
    {
        if (FewerThan().Match(instruction) is { Success: true } fewer)
        {
            var n = int.Parse(fewer.Groups[1].Value, CultureInfo.InvariantCulture);
            return VerifierAnswers.Json($"def evaluate(response):\n    return len(response.split()) < {n}\n",
                (Words(n - 1), true), (Words(n + 3), false), ("Yes.", true));
        }
        if (Word().Match(instruction) is { Success: true } word)
        {
            var w = word.Groups[1].Value;
            return VerifierAnswers.Json($"def evaluate(response):\n    return '{w}' in response.lower()\n",
                ($"I like {w}.", true), ("Nothing here.", false));
        }
        if (instruction.Contains("exactly three sentences", StringComparison.Ordinal))
        {
            // A function that contradicts its own only case: cross-validation keeps no case and drops the instruction.
            return VerifierAnswers.Json("def evaluate(response):\n    return False\n", ("One. Two. Three.", true));
        }
        if (instruction.Contains("tone", StringComparison.Ordinal))
        {
            return "Tone cannot be checked by a program.";
        }
        return VerifierAnswers.Json("def evaluate(response):\n    return len(response.strip()) > 0\n", ("Some text.", true), ("   ", false));
    }

    private static string BackTranslation(string prompt)
    {
        if (LessThanN().Match(prompt) is { Success: true } less)
        {
            var n = less.Groups[1].Value;
            return n == "60" ? $"Instruction: Answer in more than {n} words." : $"Instruction: Answer in fewer than {n} words.";
        }
        if (QuotedIn().Match(prompt) is { Success: true } word)
        {
            return $"Instruction: Use the word '{word.Groups[1].Value}'.";
        }
        return "Instruction: Write a response that is not empty.";
    }

    // Three kinds of answer, chosen by the prompt: short, long, and medium with both keywords.
    private static string Response(string prompt) => (StableHash(prompt) % 3) switch
    {
        0 => "Here is a short answer.",
        1 => Words(70).Replace("word", "detail", StringComparison.Ordinal) + ".",
        _ => "A medium answer about a banana that floated down the river on a sunny day while people watched.",
    };

    private static string Words(int n) => string.Join(' ', Enumerable.Repeat("word", n));

    // Not string.GetHashCode: that is randomised per process, and the answers must match across processes.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash & int.MaxValue;
    }

    [GeneratedRegex(@"^Instruction: (.+)$", RegexOptions.Multiline)]
    private static partial Regex InstructionLine();

    [GeneratedRegex(@"^Hypothesis: (.+)$", RegexOptions.Multiline)]
    private static partial Regex HypothesisLine();

    [GeneratedRegex(@"^Query: (.+)$", RegexOptions.Multiline)]
    private static partial Regex QueryLine();

    [GeneratedRegex(@"fewer than (\d+) words")]
    private static partial Regex FewerThan();

    [GeneratedRegex(@"the word '(\w+)'")]
    private static partial Regex Word();

    [GeneratedRegex(@"\) < (\d+)")]
    private static partial Regex LessThanN();

    [GeneratedRegex(@"'(\w+)' in response")]
    private static partial Regex QuotedIn();
}
