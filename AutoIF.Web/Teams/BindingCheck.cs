using System.Net;
using AutoIF.Core.Rewards;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Teams;

/// <summary>
/// Refuses to start an app without users on an address other computers can reach (0.0.0.0, *, a LAN address): single-user
/// mode has no sign-in. With Reward:ApiKey set it starts, since the reward endpoints then answer others with the key;
/// everything else stays loopback only (<see cref="TeamAccessMiddleware"/>).
/// </summary>
public static class BindingCheck
{
    /// <summary>The reason not to start, or null to start.</summary>
    public static async Task<string?> RefusalAsync(WebApplication app)
    {
        var open = OpenAddresses(app.Configuration).ToList();
        if (open.Count == 0 || app.Services.GetRequiredService<IOptions<RewardOptions>>().Value.HasApiKey)
        {
            return null;
        }
        if (await app.Services.GetRequiredService<UserDirectory>().HasUsersAsync())
        {
            return null;
        }
        return $"AutoIF Studio has no users, so it serves only this machine, but it was asked to listen on {string.Join(", ", open)}. "
            + TeamAccessMiddleware.AddFirstAdmin + " Or listen on localhost / 127.0.0.1 only.";
    }

    /// <summary>The configured listening addresses (urls, ASPNETCORE_URLS, Kestrel endpoints) that are not loopback.</summary>
    public static IEnumerable<string> OpenAddresses(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls.Where(url => !IsLoopback(url));
    }

    public static bool IsLoopback(string url)
    {
        // "http://+:80" and "http://*:80" are not valid URIs; both mean every address.
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']', StringComparison.Ordinal) + 1)] : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
