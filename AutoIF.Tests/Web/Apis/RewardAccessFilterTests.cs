using System.Net;
using AutoIF.Core.Rewards;
using AutoIF.Web.Apis.Reward;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Web.Apis;

/// <summary>Callers the reward endpoints serve when no token is configured (a loopback port cannot show the remote case).</summary>
public class RewardAccessFilterTests
{
    [Theory]
    [InlineData("127.0.0.1", 200)]
    [InlineData("::1", 200)]
    [InlineData("10.1.2.3", 403)]
    public async Task With_no_token_set_only_loopback_callers_are_served(string address, int status)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<RewardStats>()
            .AddSingleton(Options.Create(new RewardOptions())).BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        var context = EndpointFilterInvocationContext.Create(http);

        var result = await new RewardAccessFilter(allowUrlToken: true).InvokeAsync(context, _ => ValueTask.FromResult<object?>(TypedResults.Ok()));

        Assert.Equal(status, result is ProblemHttpResult problem ? problem.StatusCode : 200);
        if (result is ProblemHttpResult refused)
        {
            Assert.Contains("Reward:ApiKey", refused.ProblemDetails.Detail, StringComparison.Ordinal);
        }
    }
}
