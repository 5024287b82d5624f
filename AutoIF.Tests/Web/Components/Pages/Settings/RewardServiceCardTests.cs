using AutoIF.Core.Rewards;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Components.Pages.Settings;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Components.Pages.Settings;

public class RewardServiceCardTests : PageTestContext
{
    [Fact]
    public void Shows_the_service_url_that_no_token_is_set_and_what_was_served()
    {
        var stats = Services.GetRequiredService<RewardStats>();
        stats.Record(TimeSpan.FromMilliseconds(10), rollouts: 3);

        var card = Render<RewardServiceCard>();

        Assert.EndsWith("/api/reward/openrlhf", card.Find("[data-testid=reward-url]").TextContent, StringComparison.Ordinal);
        Assert.Contains("not set", card.Find("[data-testid=reward-token]").TextContent, StringComparison.Ordinal);
        Assert.Contains("(3 rollouts)", card.Find("[data-testid=reward-requests]").TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d ms / \d+\.\d ms$", card.Find("[data-testid=reward-latency]").TextContent.Trim());
    }
}
