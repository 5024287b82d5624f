using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Import;

/// <summary>
/// The run's Queries:MinLength..MaxLength window, each bound compared by its rule (the paper keeps 20–300 inclusive, the
/// scripts 20 &lt; length &lt; 300); a query outside it is stored as dropped so the funnel shows it.
/// </summary>
internal static class QueryLengthFilter
{
    public static CodedDropReason? DropReason(int length, QueriesSettings settings) =>
        !settings.MinLengthRule.Passes(length, settings.MinLength)
            ? (settings.MinLengthRule == MinimumRule.AtLeast ? DropReasons.ShorterThan : DropReasons.AtMostLength).With(Number(settings.MinLength))
        : !settings.MaxLengthRule.Passes(length, settings.MaxLength)
            ? (settings.MaxLengthRule == MaximumRule.AtMost ? DropReasons.LongerThan : DropReasons.AtLeastLength).With(Number(settings.MaxLength))
        : null;

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
