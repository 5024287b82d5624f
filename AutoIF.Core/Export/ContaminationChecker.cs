using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoIF.Core.Export;

/// <summary>
/// Benchmark contamination check against a benchmark file (JSONL with a prompt field, e.g. an IFEval input file).
/// Prompts: 13-gram overlap between exported prompts and the benchmark's prompts. Text is lower-cased and split into
/// word tokens (runs of letters, digits and underscores); a prompt's overlap is the share of its distinct 13-grams
/// found in the benchmark. Prompts shorter than 13 words have no 13-grams and never match: the check targets copied
/// passages, not short common phrases. Instructions: the run's instruction texts against the sentences of the
/// benchmark's prompts, see <see cref="BenchmarkInstructionIndex"/>.
/// </summary>
public sealed partial class ContaminationChecker
{
    public const int NGramSize = 13;

    private readonly Dictionary<ulong, int> _firstPromptOfGram;
    private readonly List<string> _prompts;
    private readonly List<int> _lines;
    private readonly BenchmarkInstructionIndex _instructions;

    private ContaminationChecker(string benchmarkName, Dictionary<ulong, int> firstPromptOfGram, List<string> prompts, List<int> lines, BenchmarkInstructionIndex instructions)
    {
        BenchmarkName = benchmarkName;
        _firstPromptOfGram = firstPromptOfGram;
        _prompts = prompts;
        _lines = lines;
        _instructions = instructions;
    }

    public string BenchmarkName { get; }

    public int BenchmarkPrompts => _prompts.Count;

    /// <summary>Sentences of the benchmark's prompts that the instruction check compares with (see <see cref="BenchmarkInstructionIndex"/>).</summary>
    public int BenchmarkInstructions => _instructions.Count;

    /// <summary>Reads a benchmark JSONL file; a malformed line throws <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static async Task<ContaminationChecker> LoadAsync(string path, string promptField = "prompt", CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await LoadAsync(stream, Path.GetFileName(path), promptField, cancellationToken);
    }

    /// <inheritdoc cref="LoadAsync(string, string, CancellationToken)"/>
    public static async Task<ContaminationChecker> LoadAsync(Stream stream, string benchmarkName, string promptField = "prompt", CancellationToken cancellationToken = default)
    {
        var grams = new Dictionary<ulong, int>();
        var prompts = new List<string>();
        var lines = new List<int>();
        var instructions = new BenchmarkInstructionIndex();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var prompt = ReadPrompt(line, promptField, benchmarkName, lineNumber);
            var index = prompts.Count;
            prompts.Add(prompt);
            lines.Add(lineNumber);
            foreach (var gram in NGrams(prompt))
            {
                grams.TryAdd(gram, index);
            }
            instructions.Add(prompt, lineNumber);
        }
        if (prompts.Count == 0)
        {
            throw new InvalidDataException($"benchmark file '{benchmarkName}' has no prompts");
        }
        return new ContaminationChecker(benchmarkName, grams, prompts, lines, instructions);
    }

    /// <summary>The overlap of one prompt, or null when it shares no 13-gram with the benchmark.</summary>
    public ContaminationMatch? Check(string prompt, long sourceId = 0)
    {
        var distinct = NGrams(prompt).ToHashSet();
        if (distinct.Count == 0)
        {
            return null;
        }
        var shared = 0;
        var perPrompt = new Dictionary<int, int>();
        foreach (var gram in distinct)
        {
            if (_firstPromptOfGram.TryGetValue(gram, out var index))
            {
                shared++;
                perPrompt[index] = perPrompt.GetValueOrDefault(index) + 1;
            }
        }
        if (shared == 0)
        {
            return null;
        }
        // Closest benchmark prompt: most shared 13-grams, then earliest in the file.
        var best = perPrompt.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
        return new ContaminationMatch(sourceId, prompt, shared, distinct.Count, _lines[best], _prompts[best]);
    }

    /// <summary>How one instruction text matches the benchmark's instructions, or null when it does not.</summary>
    public InstructionContaminationMatch? CheckInstruction(string text, int instructionId = 0) => _instructions.Match(instructionId, text);

    /// <summary>The matching ones of <paramref name="instructions"/> (streamed, so only matches are held), by instruction id.</summary>
    public async Task<IReadOnlyDictionary<int, InstructionContaminationMatch>> CheckInstructionsAsync(
        IAsyncEnumerable<(int Id, string Text)> instructions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var matches = new Dictionary<int, InstructionContaminationMatch>();
        await foreach (var (id, text) in instructions.WithCancellation(cancellationToken))
        {
            if (CheckInstruction(text, id) is { } match)
            {
                matches[id] = match;
            }
        }
        return matches;
    }

    /// <summary>
    /// Passes rows through, recording each row's prompt overlap and instruction match in <paramref name="scan"/>; with
    /// <paramref name="dropMatches"/> rows that share any 13-gram with the benchmark, or whose instruction matched, are left out.
    /// </summary>
    public async IAsyncEnumerable<TRow> ScanAsync<TRow>(IAsyncEnumerable<TRow> rows, ContaminationScan scan, bool dropMatches, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : IExportRow
    {
        ArgumentNullException.ThrowIfNull(scan);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var match = Check(row.Prompt, row.SourceId);
            var instructionMatched = scan.InstructionMatched(row.InstructionId);
            var drop = dropMatches && (match is not null || instructionMatched);
            scan.Record(row.InstructionId, match, drop);
            if (!drop)
            {
                yield return row;
            }
        }
    }

    /// <summary>Lower-cased word tokens of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Tokens(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    private static IEnumerable<ulong> NGrams(string text)
    {
        var tokens = Tokens(text);
        for (var start = 0; start + NGramSize <= tokens.Count; start++)
        {
            yield return TokenHash.Of(tokens, start, NGramSize);
        }
    }

    private static string ReadPrompt(string line, string promptField, string benchmarkName, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"benchmark file '{benchmarkName}' line {lineNumber}: expected a JSON object");
            }
            if (!document.RootElement.TryGetProperty(promptField, out var value) || value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"benchmark file '{benchmarkName}' line {lineNumber}: no string field '{promptField}'");
            }
            return value.GetString()!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"benchmark file '{benchmarkName}' line {lineNumber}: not valid JSON ({e.Message})", e);
        }
    }

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
