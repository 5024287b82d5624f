using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AutoIF.Core.Rewards;
using AutoIF.Web.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Apis.Reward;

/// <summary>
/// Guards a reward endpoint and accounts for it: a user's API token (or sign-in) is always enough; otherwise, with
/// Reward:ApiKey set, the caller must send it as <c>Authorization: Bearer …</c> (or, where <paramref name="allowUrlToken"/>,
/// as <c>?token=</c>) or gets a 401; with neither users nor key, only loopback callers are served (others get a 403 saying so). Every request gets one log line with its path,
/// status, rollout count and time, never a text or a token; served requests go into <see cref="RewardStats"/>.
/// </summary>
public sealed partial class RewardAccessFilter(bool allowUrlToken) : IEndpointFilter
{
    /// <summary>Where a handler leaves the number of rollouts it was sent, for the log line and the counters.</summary>
    public const string RolloutsItem = "AutoIF.Reward.Rollouts";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var started = Stopwatch.GetTimestamp();
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<RewardOptions>>().Value;
        var result = await RefusalAsync(http, options) ?? await next(context);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var shown = result is INestedHttpResult nested ? nested.Result : result;
        var status = shown is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var rollouts = http.Items[RolloutsItem] as int? ?? 0;
        if (status == StatusCodes.Status200OK)
        {
            services.GetRequiredService<RewardStats>().Record(elapsed, rollouts);
        }
        LogRequest(services.GetRequiredService<ILogger<RewardAccessFilter>>(), http.Request.Path.Value, status, rollouts, elapsed.TotalMilliseconds);
        return result;
    }

    private async ValueTask<ProblemHttpResult?> RefusalAsync(HttpContext http, RewardOptions options)
    {
        // A signed-in user (their token, or a browser's cookie), never single-user mode's stand-in.
        if (SingleUser.IsSignedInUser(http.User))
        {
            return null;
        }
        // OpenRLHF can send a user's token only in the URL.
        if (allowUrlToken && http.Request.Query["token"].FirstOrDefault() is { } urlToken
            && http.RequestServices.GetService<ApiTokens>() is { } tokens && await tokens.UserOfAsync(urlToken, http.RequestAborted) is not null)
        {
            return null;
        }
        var hasUsers = http.Features.Get<TeamAccess>() is { HasUsers: true };
        if (!options.HasApiKey)
        {
            if (hasUsers)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return TypedResults.Problem("A user's API token is required: Authorization: Bearer <token> (users token NAME).", statusCode: StatusCodes.Status401Unauthorized);
            }
            return LocalCaller.Is(http) ? null : TypedResults.Problem(
                "The reward service serves only this machine until Reward:ApiKey is set.", statusCode: StatusCodes.Status403Forbidden);
        }
        var sent = BearerTokenHandler.TokenOf(http.Request) ?? (allowUrlToken ? http.Request.Query["token"].FirstOrDefault() : null);
        if (sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(options.ApiKey!)))
        {
            return null;
        }
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            sent is null
                ? "A token is required: Authorization: Bearer <Reward:ApiKey>" + (allowUrlToken ? " or ?token=<Reward:ApiKey>." : ".")
                : "The token is not the reward service's (Reward:ApiKey).",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    // Generated: a trainer sends a thousand requests a second, and this skips the template parse and the boxing per line.
    [LoggerMessage(Level = LogLevel.Information, Message = "Reward {Path}: {Status}, {Rollouts} rollouts in {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string? path, int status, int rollouts, double milliseconds);
}
