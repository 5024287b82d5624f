using AutoIF.Core.Domain;

namespace AutoIF.Core.Sandbox;

/// <summary>
/// The published accuracy of one response over its verifiers. Functions that raise, time out or crash on the response
/// are left out of the denominator; <see cref="VerdictKind.True"/> counts 1 and <see cref="VerdictKind.False"/> 0
/// (a returned int 1 or 0 already arrives as True or False). <see cref="VerdictKind.NotBool"/> is left out too: the
/// reference scripts skip a result that <c>int()</c> cannot convert, and a function that answers neither yes nor no
/// says nothing about the response. With no counted function the accuracy is 0.
/// </summary>
public static class AccuracyRules
{
    /// <summary>Whether a verdict takes part in the denominator.</summary>
    public static bool IsCounted(VerdictKind kind) => kind is VerdictKind.True or VerdictKind.False;

    public static double Accuracy(IEnumerable<VerdictKind> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var counted = 0;
        var passed = 0;
        foreach (var kind in verdicts)
        {
            if (!IsCounted(kind))
            {
                continue;
            }
            counted++;
            if (kind == VerdictKind.True)
            {
                passed++;
            }
        }
        return counted == 0 ? 0 : (double)passed / counted;
    }

    public static double Accuracy(IEnumerable<VerifierResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Accuracy(results.Select(r => r.Kind));
    }
}
