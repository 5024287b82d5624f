namespace AutoIF.Core.Domain;

/// <summary>
/// What the Runs page and README say about one run setting: its key, a one-line explanation, its valid values (a range
/// for numbers, the choices for enumerations and switches) and where each profile's default comes from.
/// </summary>
public sealed record RunSettingInfo(
    string Key,
    string Description,
    string? Range,
    IReadOnlyList<string>? Choices,
    string PaperSource,
    string ScriptsSource);
