using System.Text.RegularExpressions;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// The near-duplicate rule for instructions: two texts are near duplicates when the Jaccard similarity of their
/// sets of lower-cased words (letters and digits; quoted literals count as words) is at least <see cref="Threshold"/>.
/// "Answer in fewer than 50 words." and "Answer in less than 50 words" share 5 of 7 words (0.71) and both stay;
/// "Write your answer in lowercase letters only" vs "Write your whole answer in lowercase letters only" (0.86) is a duplicate.
/// </summary>
public sealed partial class NearDuplicateDetector
{
    public const double Threshold = 0.8;

    private readonly List<(int Id, HashSet<string> Words)> _known = [];

    public void Add(int id, string text) => _known.Add((id, Words(text)));

    /// <summary>The most similar known text at or above the threshold, or null.</summary>
    public (int Id, double Similarity)? FindDuplicate(string text)
    {
        var words = Words(text);
        (int Id, double Similarity)? best = null;
        foreach (var (id, known) in _known)
        {
            var similarity = Jaccard(words, known);
            if (similarity >= Threshold && (best is null || similarity > best.Value.Similarity))
            {
                best = (id, similarity);
            }
        }
        return best;
    }

    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }
        var intersection = a.Count(b.Contains);
        return (double)intersection / (a.Count + b.Count - intersection);
    }

    public static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
