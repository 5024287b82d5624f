namespace AutoIF.Web.Apis.Runs;

/// <summary>
/// <c>POST /api/runs</c>: the new run's name, its settings as <c>--set</c> takes them (<c>{"Augment:Rounds": "3"}</c>,
/// <c>Profile</c> first; defaults to the paper profile) and whether to queue it at once.
/// </summary>
public sealed record RunCreateBody(string? Name, Dictionary<string, string>? Settings, bool Start = false);
