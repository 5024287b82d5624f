namespace AutoIF.Web.Apis.Runs;

/// <summary>The answer to a run action: the run, what was done, and the queued job's id when one was queued.</summary>
public sealed record RunActionBody(int Id, string Name, string Action, string? Job = null);
