using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Import;

/// <summary>The run's Queries:MinLength..MaxLength window; a query outside it is stored as dropped so the funnel shows it.</summary>
internal static class QueryLengthFilter
{
    public static string? DropReason(int length, QueriesSettings settings) =>
        length < settings.MinLength ? $"shorter than {settings.MinLength} characters"
        : length > settings.MaxLength ? $"longer than {settings.MaxLength} characters"
        : null;
}
