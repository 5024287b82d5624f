using System.ComponentModel.DataAnnotations;

namespace AutoIF.Web.Teams;

/// <summary>Settings of sign-in and access (configuration section <c>Security</c>).</summary>
public sealed class TeamsOptions
{
    public const string Section = "Security";

    /// <summary>Reverse proxies whose X-Forwarded-For is believed (IP addresses); from anyone else it makes a request non-local.</summary>
    public IList<string> KnownProxies { get; init; } = [];

    /// <summary>Failed sign-ins in a row before the account is locked out.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a lock-out lasts.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without use.</summary>
    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 12;
}
