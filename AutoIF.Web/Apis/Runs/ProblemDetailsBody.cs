namespace AutoIF.Web.Apis.Runs;

/// <summary>Why a runs-API request was refused (404, 409), in one sentence.</summary>
public sealed record ProblemDetailsBody(string Detail);
