using System.Globalization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>Every threshold comparison of a run goes through here, so a rule setting means the same in every stage.</summary>
public static class ThresholdRules
{
    public static bool Passes(this MinimumRule rule, double value, double minimum) =>
        rule == MinimumRule.AtLeast ? value >= minimum : value > minimum;

    public static bool Passes(this MaximumRule rule, double value, double maximum) =>
        rule == MaximumRule.AtMost ? value <= maximum : value < maximum;

    /// <summary>"more than 50%" / "at least 80%": how a drop reason states what was needed.</summary>
    public static string Describe(this MinimumRule rule, string minimum) =>
        rule == MinimumRule.AtLeast ? $"at least {minimum}" : $"more than {minimum}";

    public static string Describe(this MaximumRule rule, string maximum) =>
        rule == MaximumRule.AtMost ? $"at most {maximum}" : $"less than {maximum}";

    public static string Describe(this MinimumRule rule, double minimum) =>
        rule.Describe(minimum.ToString("0.##", CultureInfo.InvariantCulture));
}
