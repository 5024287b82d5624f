using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

public sealed class AccuracyRulesTests
{
    [Theory]
    [InlineData(new[] { VerdictKind.True, VerdictKind.True, VerdictKind.False, VerdictKind.False }, 0.5)]
    [InlineData(new[] { VerdictKind.True, VerdictKind.Error, VerdictKind.Timeout, VerdictKind.Crashed }, 1.0)]
    [InlineData(new[] { VerdictKind.False, VerdictKind.NotBool, VerdictKind.True }, 0.5)]
    [InlineData(new[] { VerdictKind.Error, VerdictKind.Timeout, VerdictKind.NotBool }, 0.0)]
    [InlineData(new VerdictKind[0], 0.0)]
    [InlineData(new[] { VerdictKind.True, VerdictKind.True, VerdictKind.False }, 2.0 / 3)]
    public void Accuracy_follows_the_published_rule(VerdictKind[] verdicts, double expected)
    {
        Assert.Equal(expected, AccuracyRules.Accuracy(verdicts), precision: 10);
        Assert.Equal(expected, AccuracyRules.Accuracy(verdicts.Select(v => new VerifierResult(v))), precision: 10);
    }
}
