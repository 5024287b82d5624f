using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Llm;

/// <summary><c>Llm:Supervision:Endpoints</c>: one role served by two fake servers, through the real HttpClient pipeline.</summary>
public sealed class LlmGatewayEndpointsTests : IAsyncLifetime
{
    private const string SecondKey = "sk-second-SERVER-77aa66bb55cc";

    private FakeOpenAiServer _first = null!;
    private FakeOpenAiServer _second = null!;

    public async Task InitializeAsync()
    {
        _first = await FakeOpenAiServer.StartAsync();
        _second = await FakeOpenAiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static LlmRequest Ask(string prompt) => new() { Kind = PromptKind.Custom, Messages = [LlmMessage.User(prompt)] };

    private Dictionary<string, string?> Settings(int maxConcurrency = 2)
    {
        var settings = LlmTestHost.EndpointSettings(_first);
        settings.Remove("Llm:Supervision:BaseUrl");
        settings["Llm:Supervision:Endpoints:0:BaseUrl"] = _first.BaseUrl.ToString();
        settings["Llm:Supervision:Endpoints:0:MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Llm:Supervision:Endpoints:1:BaseUrl"] = _second.BaseUrl.ToString();
        settings["Llm:Supervision:Endpoints:1:MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Llm:Supervision:Endpoints:1:ApiKey"] = SecondKey;
        return settings;
    }

    [Fact]
    public async Task Calls_go_to_the_least_busy_server_and_each_server_keeps_its_own_limit()
    {
        using var host = LlmTestHost.Create(Settings(maxConcurrency: 2));
        _first.HoldReplies();
        _second.HoldReplies();

        var calls = Enumerable.Range(0, 10).Select(i => host.Gateway.CompleteAsync(Ask($"question {i}"))).ToList();
        // Four wait at the servers: two each, since a full server is never the least busy.
        await Poll.UntilAsync(() => _first.InFlight == 2 && _second.InFlight == 2);
        Assert.Equal(4, host.Services.GetRequiredService<LlmGateway>().InFlight(LlmRole.Supervision));
        _first.ReleaseReplies();
        _second.ReleaseReplies();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(10, _first.ChatRequestCount + _second.ChatRequestCount);
        Assert.Equal(2, _first.MaxInFlight);
        Assert.Equal(2, _second.MaxInFlight);
        Assert.All(_first.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)), r => Assert.Equal($"Bearer {LlmTestHost.ApiKey}", r.Authorization));
        Assert.All(_second.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)), r => Assert.Equal($"Bearer {SecondKey}", r.Authorization));
    }

    [Fact]
    public async Task A_failing_server_rests_while_the_other_answers_every_call()
    {
        _first.DefaultReply = FakeReply.Error(500, "down");
        var settings = Settings();
        settings["Llm:Resilience:MaxRetries"] = "0";
        settings["Llm:Resilience:BreakerMinimumThroughput"] = "3";
        settings["Llm:Resilience:BreakerFailureRatio"] = "0.5";
        settings["Llm:Resilience:BreakerBreakSeconds"] = "30";
        using var host = LlmTestHost.Create(settings, clock: new ManualTimeProvider());

        var results = new List<LlmResult>();
        for (var i = 0; i < 10; i++)
        {
            results.Add(await host.Gateway.CompleteAsync(Ask($"call {i}")));
        }

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        // Idle servers tie and the first is asked first: it fails three times, its breaker opens, and it is asked no more.
        Assert.Equal(3, _first.ChatRequestCount);
        Assert.Equal(10, _second.ChatRequestCount);
        Assert.All(host.Store.Calls.Where(c => c.Error is null), c => Assert.Equal(_second.BaseUrl.ToString(), c.Endpoint));
        Assert.Equal(LlmEndpointState.Available, host.Gateway.GetStatus(LlmRole.Supervision).State);
        Assert.DoesNotContain(host.Logs.Lines, m => m.Contains(SecondKey, StringComparison.Ordinal) || m.Contains(LlmTestHost.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_role_pauses_only_when_every_server_rests()
    {
        _first.DefaultReply = FakeReply.Error(500, "down");
        _second.DefaultReply = FakeReply.Error(500, "down too");
        var settings = Settings();
        settings["Llm:Resilience:MaxRetries"] = "0";
        settings["Llm:Resilience:BreakerMinimumThroughput"] = "3";
        settings["Llm:Resilience:BreakerFailureRatio"] = "0.5";
        settings["Llm:Resilience:BreakerBreakSeconds"] = "30";
        using var host = LlmTestHost.Create(settings, clock: new ManualTimeProvider());

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await host.Gateway.CompleteAsync(Ask($"call {i}"))).Succeeded);
        }
        var paused = await host.Gateway.CompleteAsync(Ask("both resting"));

        Assert.Equal(LlmErrorKind.EndpointUnavailable, paused.ErrorKind);
        Assert.Equal(LlmEndpointState.Unavailable, host.Gateway.GetStatus(LlmRole.Supervision).State);
        Assert.Equal(3, _first.ChatRequestCount);
        Assert.Equal(3, _second.ChatRequestCount);
    }
}
