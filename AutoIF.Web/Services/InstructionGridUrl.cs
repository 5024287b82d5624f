using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Reports;

namespace AutoIF.Web.Services;

/// <summary>
/// The Instructions grid view as query-string parameters and back, so a filtered view is a link to share. Unknown or
/// malformed values are ignored rather than failing the page.
/// </summary>
public static class InstructionGridUrl
{
    public const string Run = "run";
    public const string Search = "q";
    public const string Status = "status";
    public const string DropStage = "stage";
    public const string DropReason = "reason";
    public const string MinPassRate = "min";
    public const string MaxPassRate = "max";
    public const string Review = "review";
    public const string Origin = "origin";
    public const string FromSeed = "seed";
    public const string Sort = "sort";
    public const string Descending = "desc";
    public const string Page = "page";
    public const string PageSize = "size";

    public static readonly int[] PageSizes = [25, 50, 100];

    /// <summary>Parameters for <c>NavigationManager.GetUriWithQueryParameters</c>; defaults become null so they leave the URL.</summary>
    public static IReadOnlyDictionary<string, object?> ToParameters(InstructionGridView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var f = view.Filter;
        return new Dictionary<string, object?>
        {
            [Run] = f.RunId,
            [Search] = string.IsNullOrWhiteSpace(f.Search) ? null : f.Search,
            [Status] = f.Status?.ToString(),
            [DropStage] = f.DropStage?.ToString(),
            [DropReason] = string.IsNullOrWhiteSpace(f.DropReason) ? null : f.DropReason,
            [MinPassRate] = f.MinPassRate?.ToString("0.###", CultureInfo.InvariantCulture),
            [MaxPassRate] = f.MaxPassRate?.ToString("0.###", CultureInfo.InvariantCulture),
            [Review] = f.ReviewState?.ToString(),
            [Origin] = f.Origin?.ToString(),
            [FromSeed] = f.FromSeed,
            [Sort] = view.Sort == InstructionSortColumn.Id ? null : view.Sort.ToString(),
            [Descending] = view.Descending ? "true" : null,
            [Page] = view.Page > 0 ? view.Page + 1 : null,
            [PageSize] = view.PageSize == PageSizes[0] ? null : view.PageSize,
        };
    }

    public static InstructionGridView Parse(IReadOnlyDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var filter = new InstructionGridFilter
        {
            RunId = Int(Get(Run)),
            Search = Get(Search),
            Status = Enum<ItemStatus>(Get(Status)),
            DropStage = Enum<PipelineStage>(Get(DropStage)),
            DropReason = Get(DropReason),
            MinPassRate = Share(Get(MinPassRate)),
            MaxPassRate = Share(Get(MaxPassRate)),
            ReviewState = Enum<ReviewState>(Get(Review)),
            Origin = Enum<InstructionOrigin>(Get(Origin)),
            FromSeed = Int(Get(FromSeed)),
        };
        var page = Int(Get(Page)) is { } p && p > 1 ? p - 1 : 0;
        var size = Int(Get(PageSize)) is { } s && PageSizes.Contains(s) ? s : PageSizes[0];
        return new InstructionGridView(filter, Enum<InstructionSortColumn>(Get(Sort)) ?? InstructionSortColumn.Id, Get(Descending) == "true", page, size);
    }

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static double? Share(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1 ? d : null;

    private static T? Enum<T>(string? value) where T : struct, Enum =>
        System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;
}
