using System.Text.Json;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Llm.Parsing;

namespace AutoIF.Core.Import;

/// <summary>Turns one line of a reference script's file into a <see cref="ParsedInstruction"/>, per format: the shapes the published scripts write, listed in decision 005.</summary>
internal static class ReferenceLineParser
{
    /// <param name="parsing">How eval_func answers are read: the run's Verifiers:Parsing.</param>
    public static ParsedInstruction Parse(string format, JsonLine line, string fileName, VerifierParsing parsing = VerifierParsing.Tolerant)
    {
        var fields = new ReferenceFields(fileName, line.Line, line.Root);
        return format switch
        {
            ImportFormats.EvalFunc => EvalFunc(fields, parsing),
            ImportFormats.BackTrans => BackTrans(fields),
            ImportFormats.QueryRft => QueryRft(fields),
            ImportFormats.DpoQuery => DpoQuery(fields),
            _ => throw new ArgumentException($"'{format}' is not a reference-file format.", nameof(format)),
        };
    }

    /// <summary>
    /// eval_func_rft.jsonl: raw verifier answers. An answer with no readable <c>{func, cases}</c> is what a model
    /// sometimes writes; it is reported, not fatal. The record's own shape (instruction, list of answers) is fatal.
    /// </summary>
    private static ParsedInstruction EvalFunc(ReferenceFields fields, VerifierParsing parsing)
    {
        var instruction = fields.RequireString("instruction");
        var answers = fields.RequireList("gpt-answer");
        var verifiers = new List<ParsedVerifier>();
        var cases = new List<ParsedCase>();
        var warnings = new List<string>();
        var index = 0;
        foreach (var answer in answers.EnumerateArray())
        {
            var text = answer.ValueKind switch
            {
                JsonValueKind.String => answer.GetString()!,
                // A script that already decoded the JSON wrote the object itself.
                JsonValueKind.Object => answer.GetRawText(),
                _ => null,
            };
            var number = index + 1;
            var parsed = text is null ? null : VerifierJsonParser.Parse(text, parsing);
            if (parsed is null)
            {
                warnings.Add($"line {fields.Line}: answer {number} is {JsonLinesReader.Describe(answer.ValueKind)}, not text");
            }
            else if (!parsed.Success)
            {
                warnings.Add($"line {fields.Line}: answer {number} unreadable: {parsed.Error!.TrimEnd('.')}");
            }
            else
            {
                var spec = parsed.Value!;
                var hash = TextHash.Exact(spec.Func);
                if (verifiers.TrueForAll(v => v.SourceHash != hash))
                {
                    verifiers.Add(new ParsedVerifier(spec.Func, hash, index, null));
                }
                cases.AddRange(spec.Cases.Select(c => new ParsedCase(c.Input, c.Expected, hash, c.ExpectedJson)));
                if (spec.SkippedCases > 0)
                {
                    warnings.Add($"line {fields.Line}: answer {number}: {spec.SkippedCases} unreadable test case(s) skipped");
                }
            }
            index++;
        }
        return new ParsedInstruction(fields.Line, instruction, verifiers, cases, [], [], warnings);
    }

    /// <summary>back_trans.jsonl: functions paired with accuracy, instruction-level cases, one back-translation per function.</summary>
    private static ParsedInstruction BackTrans(ReferenceFields fields)
    {
        var instruction = fields.RequireString("instruction");
        var verifiers = Verifiers(fields.Functions("eval_func"));
        var cases = fields.Cases("cases").Select(c => new ParsedCase(c.Input, c.Expected, null)).ToList();
        var back = fields.RequireStringList("back_instruction");
        // The script back-translated the i-th function into the i-th text; only a one-to-one list says which is which.
        var paired = back.Count == verifiers.All.Count;
        var backTranslations = back
            .Select((text, i) => (text: text.Trim(), i))
            .Where(b => b.text.Length > 0)
            .Select(b => new ParsedBackTranslation(b.text, paired ? verifiers.All[b.i].SourceHash : null))
            .ToList();
        return new ParsedInstruction(fields.Line, instruction, verifiers.Unique, cases, backTranslations, [], []);
    }

    /// <summary>
    /// query_rft.jsonl: one prompt per line with its instruction's functions, cases and responses. The prompt is the
    /// scripts' wrapper around query and instruction; one that is not is kept as written, and the report says so.
    /// </summary>
    private static ParsedInstruction QueryRft(ReferenceFields fields)
    {
        var prompt = fields.RequireString("prompt");
        var instruction = fields.RequireString("instruction");
        var verifiers = Verifiers(fields.Functions("eval_func"));
        var cases = fields.Cases("cases").Select(c => new ParsedCase(c.Input, c.Expected, null)).ToList();
        var responses = fields.RequireStringList("gpt-answer");
        var query = ScriptPromptWrapper.Unwrap(prompt, instruction);
        List<string> warnings = query is null
            ? [$"line {fields.Line}: prompt kept as written: it is not the scripts' \"{ScriptPromptWrapper.Opening}\" wrapper around this line's instruction"]
            : [];
        return new ParsedInstruction(fields.Line, instruction, verifiers.Unique, cases, [], [new ParsedPrompt(prompt, query, responses)], warnings);
    }

    /// <summary>dpo_query_w_funcs.jsonl: like query_rft but usually without "instruction" and cases; see decision 005 for the text used.</summary>
    private static ParsedInstruction DpoQuery(ReferenceFields fields)
    {
        var prompt = fields.RequireString("prompt");
        var instruction = fields.OptionalString("instruction");
        var verifiers = Verifiers(fields.Functions("eval_func"));
        if (verifiers.Unique.Count == 0)
        {
            // Without an instruction text the functions are the instruction's identity; none leaves nothing to group by.
            throw fields.Error("\"eval_func\" must hold at least one function");
        }
        var cases = fields.Has("cases")
            ? fields.Cases("cases").Select(c => new ParsedCase(c.Input, c.Expected, null)).ToList()
            : [];
        var responses = fields.RequireStringList("gpt-answer");
        // The scripts wrote these prompts as "instruction. query." already; they are stored as they are.
        return new ParsedInstruction(fields.Line, instruction, verifiers.Unique, cases, [], [new ParsedPrompt(prompt, null, responses)], []);
    }

    private static (IReadOnlyList<ParsedVerifier> All, IReadOnlyList<ParsedVerifier> Unique) Verifiers(IReadOnlyList<(string Source, double? Accuracy)> functions)
    {
        var all = functions.Select((f, i) => new ParsedVerifier(f.Source, TextHash.Exact(f.Source), i, f.Accuracy)).ToList();
        var unique = all.DistinctBy(v => v.SourceHash).ToList();
        return (all, unique);
    }
}
