namespace AutoIF.Core.Audit;

/// <summary>The action names an audit entry carries (README "Audit list"): stable words scripts may match on.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Clone = "clone";
    public const string Start = "start";
    public const string Verify = "verify";
    public const string OnlineRound = "online-round";
    public const string Cancel = "cancel";
    public const string Delete = "delete";
    public const string Import = "import";
    public const string VerifierEdit = "verifier-edit";
    public const string VerifierRegenerate = "verifier-regenerate";
    public const string Reverify = "reverify";
    public const string Review = "review";
}
