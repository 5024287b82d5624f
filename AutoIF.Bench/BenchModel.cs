using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoIF.Bench;

/// <summary>
/// A deterministic supervision model for the pipeline benchmark: answers each prompt kind of our templates with
/// plausible content computed from the prompt, so a run goes through every stage with realistic kept/dropped shares.
/// </summary>
internal static partial class BenchModel
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "ni", "qua", "ber", "zi", "pol", "un", "ar", "fe"];

    public static string Answer(string prompt)
    {
        if (prompt.Contains("new instructions in the same spirit", StringComparison.Ordinal))
        {
            var random = new Random(StableHash(prompt));
            return string.Join('\n', Enumerable.Range(0, 10).Select(_ =>
                $"- Include the word '{Word(random)}' at least {random.Next(1, 4)} times."));
        }
        if (prompt.Contains("Write a function that checks whether a response follows an instruction", StringComparison.Ordinal))
        {
            var instruction = InstructionLine().Match(prompt).Groups[1].Value;
            if (Keyword().Match(instruction) is { Success: true } m)
            {
                var (word, times) = (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
                return Json($"def evaluate(response):\n    return response.lower().count('{word}') >= {times}\n",
                    (string.Join(' ', Enumerable.Repeat(word, times)), true), ("nothing relevant", false));
            }
            return Json("def evaluate(response):\n    return len(response.strip()) > 0\n", ("Some text.", true), ("  ", false));
        }
        if (prompt.Contains("Write yes/no questions that check whether a response follows an instruction", StringComparison.Ordinal))
        {
            // Verifiers:Kinds=code,question: one question restating the keyword count, with an example each way.
            var instruction = InstructionLine().Match(prompt).Groups[1].Value;
            var m = Keyword().Match(instruction);
            var (word, times) = m.Success ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : ("answer", 1);
            return "```json\n" + JsonSerializer.Serialize(new
            {
                questions = new[] { $"Does the response use the word '{word}' at least {times} times?" },
                cases = new[] { new { input = string.Join(' ', Enumerable.Repeat(word, times)), output = true }, new { input = "nothing relevant", output = false } },
            }) + "\n```";
        }
        if (prompt.Contains("Read the response below and answer a yes/no question about it", StringComparison.Ordinal))
        {
            // The question's keyword count on the response block, as the function would decide it.
            var m = Keyword().Match(prompt);
            var text = prompt[(prompt.IndexOf("Response:", StringComparison.Ordinal) + 1)..];
            var yes = m.Success && Regex.Count(text.ToLowerInvariant(), Regex.Escape(m.Groups[1].Value)) >= int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            return yes ? "Answer: yes" : "Answer: no";
        }
        if (prompt.Contains("State, as one instruction addressed to the writer", StringComparison.Ordinal))
        {
            return "Instruction: Include the given word often enough.";
        }
        if (prompt.Contains("Decide the logical relation between two instructions", StringComparison.Ordinal))
        {
            return StableHash(prompt) % 10 == 0 ? "Label: contradiction" : "Label: entailment";
        }
        if (prompt.Contains("You are reviewing a response written by an assistant", StringComparison.Ordinal))
        {
            return $"The response answers the query.\nScore: {(StableHash(prompt) % 4 == 0 ? 6 : 9)}";
        }
        if (prompt.Contains("Decide whether one response can follow both of these instructions", StringComparison.Ordinal))
        {
            // Keyword instructions never exclude each other.
            return "Both can hold at once.\nAnswer: yes";
        }
        // A response: each instruction's keyword a prompt-dependent number of times, so some pass and some fail (a prompt
        // with one instruction gets exactly what it got before prompts carried several).
        var keywords = Keyword().Matches(prompt).Select(k => k.Groups[1].Value).DefaultIfEmpty("answer");
        var repeats = StableHash(prompt) % 4;
        return "Here is my answer. " + string.Join(' ', keywords.SelectMany(keyword => Enumerable.Repeat(keyword, repeats))) + " That is all.";
    }

    private static string Word(Random random) => string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)]));

    private static string Json(string func, params (string Input, bool Output)[] cases) =>
        "```json\n" + JsonSerializer.Serialize(new { func, cases = cases.Select(c => new { input = c.Input, output = c.Output }) }) + "\n```";

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

    [GeneratedRegex(@"the word '(\w+)' at least (\d+) times")]
    private static partial Regex Keyword();
}
