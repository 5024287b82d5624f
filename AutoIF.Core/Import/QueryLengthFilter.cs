using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Import;

/// <summary>
/// The run's Queries:MinLength..MaxLength window, each bound compared by its rule (the paper keeps 20–300 inclusive, the
/// scripts 20 &lt; length &lt; 300); a query outside it is stored as dropped so the funnel shows it.
/// </summary>
internal static class QueryLengthFilter
{
    public static string? DropReason(int length, QueriesSettings settings) =>
        !settings.MinLengthRule.Passes(length, settings.MinLength)
            ? settings.MinLengthRule == MinimumRule.AtLeast ? $"shorter than {settings.MinLength} characters" : $"{settings.MinLength} characters or shorter"
        : !settings.MaxLengthRule.Passes(length, settings.MaxLength)
            ? settings.MaxLengthRule == MaximumRule.AtMost ? $"longer than {settings.MaxLength} characters" : $"{settings.MaxLength} characters or longer"
        : null;
}
