using System.Text.RegularExpressions;

namespace AutoIF.Core.Export;

/// <summary>
/// The benchmark's instructions and the tests that find a run's instruction among them (decision 013). A benchmark
/// such as IFEval stores no instruction text, so its instructions are the sentences of its prompts
/// (<see cref="SplitSentences"/>). Texts are compared normalised: lower-cased word tokens (as for the 13-gram check),
/// so case, punctuation and whitespace do not matter. Tests, the first that holds reported: equal texts; the
/// instruction inside a sentence; a sentence inside the instruction; a shared <see cref="NGramSize"/>-gram. A text
/// of fewer than <see cref="MinWords"/> tokens never matches.
/// </summary>
public sealed partial class BenchmarkInstructionIndex
{
    /// <summary>
    /// Instruction sentences are short (IFEval's run from 5 to about 20 words), so 13 words would rarely fit; 4 words in
    /// a row are still common phrasing ("do not use any", "in your entire response"), 5 are a copied clause
    /// ("do not use any commas", "in square brackets such as"). Decision 013.
    /// </summary>
    public const int NGramSize = 5;

    public const int MinWords = 3;

    private readonly List<BenchmarkSentence> _sentences = [];

    // Hash of a sentence's whole token run → first sentence with it.
    private readonly Dictionary<ulong, int> _wholeSentence = [];

    // Hash of every run of MinWords..NGramSize-1 tokens inside a sentence → first sentence with it (short instructions).
    private readonly Dictionary<ulong, int> _shortSpan = [];

    // Hash of every NGramSize-gram → first sentence with it.
    private readonly Dictionary<ulong, int> _gram = [];

    public int Count => _sentences.Count;

    /// <summary>
    /// A prompt's sentences: split after '.', '!' or '?' (and any closing quotes or brackets) followed by whitespace,
    /// and at line breaks; not after a single letter or a few abbreviations ("e.g.", "i.e.", "P.S.", "etc.", "vs.").
    /// List markers stay with their sentence. Empty pieces are dropped.
    /// </summary>
    public static IReadOnlyList<string> SplitSentences(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var sentences = new List<string>();
        foreach (var line in prompt.Split('\n'))
        {
            var pending = "";
            foreach (var piece in SentenceEnd().Split(line))
            {
                pending = pending.Length == 0 ? piece : pending + " " + piece;
                if (!Abbreviation().IsMatch(pending))
                {
                    Flush(sentences, pending);
                    pending = "";
                }
            }
            Flush(sentences, pending);
        }
        return sentences;
    }

    internal void Add(string prompt, int line)
    {
        foreach (var text in SplitSentences(prompt))
        {
            var tokens = ContaminationChecker.Tokens(text);
            if (tokens.Count < MinWords)
            {
                continue;
            }
            var index = _sentences.Count;
            _sentences.Add(new BenchmarkSentence(text, string.Join(' ', tokens), line));
            _wholeSentence.TryAdd(TokenHash.Of(tokens, 0, tokens.Count), index);
            for (var start = 0; start < tokens.Count; start++)
            {
                var hash = TokenHash.Empty;
                for (var end = start; end < tokens.Count && end - start < NGramSize; end++)
                {
                    hash = TokenHash.Append(hash, tokens[end]);
                    var length = end - start + 1;
                    if (length == NGramSize)
                    {
                        _gram.TryAdd(hash, index);
                    }
                    else if (length >= MinWords)
                    {
                        _shortSpan.TryAdd(hash, index);
                    }
                }
            }
        }
    }

    /// <summary>The first test that finds <paramref name="text"/> among the benchmark's instructions, or null.</summary>
    public InstructionContaminationMatch? Match(int instructionId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = ContaminationChecker.Tokens(text);
        if (tokens.Count < MinWords)
        {
            return null;
        }
        InstructionContaminationMatch Found(int sentence, InstructionMatchKind test, int shared) =>
            new(instructionId, text, _sentences[sentence].Text, _sentences[sentence].Line, test, shared);

        var whole = TokenHash.Of(tokens, 0, tokens.Count);
        var (shared, perSentence) = SharedGrams(tokens);
        if (_wholeSentence.TryGetValue(whole, out var equal))
        {
            return Found(equal, InstructionMatchKind.Equal, shared);
        }
        if (tokens.Count < NGramSize && _shortSpan.TryGetValue(whole, out var holder))
        {
            return Found(holder, InstructionMatchKind.Contained, shared);
        }
        if (tokens.Count >= NGramSize && Holder(tokens, perSentence) is { } longHolder)
        {
            return Found(longHolder, InstructionMatchKind.Contained, shared);
        }
        if (InnerSentence(tokens) is { } inner)
        {
            return Found(inner, InstructionMatchKind.Contains, shared);
        }
        if (shared > 0)
        {
            // Closest sentence: most shared n-grams, then earliest in the file.
            var best = perSentence.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
            return Found(best, InstructionMatchKind.NGram, shared);
        }
        return null;
    }

    private (int Shared, Dictionary<int, int> PerSentence) SharedGrams(IReadOnlyList<string> tokens)
    {
        var perSentence = new Dictionary<int, int>();
        var seen = new HashSet<ulong>();
        var shared = 0;
        for (var start = 0; start + NGramSize <= tokens.Count; start++)
        {
            var gram = TokenHash.Of(tokens, start, NGramSize);
            if (seen.Add(gram) && _gram.TryGetValue(gram, out var sentence))
            {
                shared++;
                perSentence[sentence] = perSentence.GetValueOrDefault(sentence) + 1;
            }
        }
        return (shared, perSentence);
    }

    // A long instruction inside a sentence shares all its n-grams with the sentences indexed first for them; the text settles it.
    private int? Holder(IReadOnlyList<string> tokens, Dictionary<int, int> perSentence)
    {
        var needle = " " + string.Join(' ', tokens) + " ";
        foreach (var sentence in perSentence.Keys.Order())
        {
            if ((" " + _sentences[sentence].Normalized + " ").Contains(needle, StringComparison.Ordinal))
            {
                return sentence;
            }
        }
        return null;
    }

    // A whole benchmark sentence as a run of the instruction's tokens, shorter than the instruction (equal was tried first).
    private int? InnerSentence(IReadOnlyList<string> tokens)
    {
        int? found = null;
        for (var start = 0; start < tokens.Count; start++)
        {
            var hash = TokenHash.Empty;
            for (var end = start; end < tokens.Count; end++)
            {
                hash = TokenHash.Append(hash, tokens[end]);
                var length = end - start + 1;
                if (length >= MinWords && length < tokens.Count && _wholeSentence.TryGetValue(hash, out var sentence) && (found is null || sentence < found))
                {
                    found = sentence;
                }
            }
        }
        return found;
    }

    private static void Flush(List<string> sentences, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    [GeneratedRegex(@"(?<=[.!?][""'”’)\]]*)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:^|[\s(])(?:(?:[A-Za-z]\.)+|etc\.|vs\.|Mr\.|Mrs\.|Dr\.|No\.)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Abbreviation();
}
