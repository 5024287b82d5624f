namespace AutoIF.Web.Apis.Runs;

/// <summary>One stage of a run in the API's status: the stage's name, how far it got, its last note.</summary>
public sealed record RunStageBody(string Stage, int Done, int Total, bool Completed, string? Message);
