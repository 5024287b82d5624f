namespace AutoIF.Web.Apis.Runs;

/// <summary>One funnel step in the API's status: how many items reached it and how many it dropped.</summary>
public sealed record RunFunnelBody(string Name, string Unit, long Count, long Dropped);
