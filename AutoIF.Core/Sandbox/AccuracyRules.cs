using AutoIF.Core.Domain.Settings;

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

    /// <summary>
    /// The accuracy under Verify:Counting. <see cref="VerdictCounting.PythonInt"/> is the scripts' mean of <c>int(res)</c>
    /// over the results that are not None and that int() accepts (so a returned 2 counts 2, "1" counts 1); with none, 0.
    /// </summary>
    public static double Accuracy(IReadOnlyList<VerifierResult> results, VerdictCounting counting)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (counting == VerdictCounting.Bool)
        {
            return Accuracy(results.Select(r => r.Kind));
        }
        var values = results.Select(r => ReturnedValue.PythonInt(ReturnedValue.Read(r.Kind, r.Detail))).OfType<double>().ToList();
        return values.Count == 0 ? 0 : values.Average();
    }

    /// <summary>Whether a result takes part in the denominator under <paramref name="counting"/>.</summary>
    public static bool IsCounted(VerifierResult result, VerdictCounting counting) => counting == VerdictCounting.Bool
        ? IsCounted(result.Kind)
        : ReturnedValue.PythonInt(ReturnedValue.Read(result.Kind, result.Detail)) is not null;
}
