using System.Diagnostics;
using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Llm;

/// <summary>The gateway through the real OpenAI client and HttpClient pipeline against the fake server.</summary>
public sealed class LlmGatewayHttpTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static LlmRequest Ask(string prompt, int sample = 0, int? runId = null, PipelineStage? stage = null) => new()
    {
        Kind = PromptKind.Custom,
        Messages = [LlmMessage.User(prompt)],
        SampleIndex = sample,
        RunId = runId,
        Stage = stage,
    };

    [Fact]
    public async Task Answers_come_back_with_text_finish_reason_and_tokens()
    {
        _server.Script("capital of France", FakeReply.Answer("Paris"));
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var result = await host.Gateway.CompleteAsync(Ask("What is the capital of France?"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Paris", result.Text);
        Assert.Equal("stop", result.FinishReason);
        Assert.False(result.FromCache);
        Assert.False(result.IsDemo);
        Assert.True(result.PromptTokens > 0);
        Assert.NotNull(result.CallId);
        Assert.Equal($"Bearer {LlmTestHost.ApiKey}", _server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task A_freed_slot_goes_to_a_later_stage_s_call_before_the_calls_an_earlier_stage_queued_first()
    {
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Supervision:MaxConcurrency"] = "1";
        using var host = LlmTestHost.Create(settings);
        var gateway = host.Services.GetRequiredService<LlmGateway>();
        _server.HoldReplies();

        var holding = host.Gateway.CompleteAsync(Ask("verifier 0", stage: PipelineStage.Verifiers));
        await Poll.UntilAsync(() => _server.InFlight == 1);
        var verifiers = Enumerable.Range(1, 3).Select(i => host.Gateway.CompleteAsync(Ask($"verifier {i}", stage: PipelineStage.Verifiers))).ToList();
        await Poll.UntilAsync(() => gateway.Waiting(LlmRole.Supervision) == 3);
        var backTranslation = host.Gateway.CompleteAsync(Ask("back-translation", stage: PipelineStage.BackTranslate));
        var playground = host.Gateway.CompleteAsync(Ask("playground"));
        await Poll.UntilAsync(() => gateway.Waiting(LlmRole.Supervision) == 5);
        _server.ReleaseReplies();
        var results = await Task.WhenAll([holding, backTranslation, playground, .. verifiers]);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        // One slot, so the server's order is the order the slot was handed on: no stage first, then the later stage,
        // then the earlier stage's calls in the order they were asked.
        Assert.Equal(["verifier 0", "playground", "back-translation", "verifier 1", "verifier 2", "verifier 3"], _server.Requests.Select(r => r.LastUserMessage));
        Assert.Equal(0, gateway.Waiting(LlmRole.Supervision));
    }

    [Fact]
    public async Task In_flight_requests_never_exceed_the_configured_concurrency()
    {
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Supervision:MaxConcurrency"] = "3";
        using var host = LlmTestHost.Create(settings);
        _server.HoldReplies();

        var calls = Enumerable.Range(0, 30).Select(i => host.Gateway.CompleteAsync(Ask($"question {i}"))).ToList();
        // The first three wait at the server, so the limit is reached for sure, not only when the timing is right.
        await Poll.UntilAsync(() => _server.InFlight == 3);
        _server.ReleaseReplies();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(30, _server.ChatRequestCount);
        Assert.Equal(3, _server.MaxInFlight);
    }

    [Fact]
    public async Task Requests_per_minute_spaces_out_calls()
    {
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Supervision:RequestsPerMinute"] = "120";
        using var host = LlmTestHost.Create(settings);
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Gateway.CompleteAsync(Ask($"rate {i}"))));

        // 120/min = one start every 500 ms after a burst of two: six calls need at least ~2 s.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_delay()
    {
        _server.Enqueue(FakeReply.Error(429, "Rate limit reached", retryAfterSeconds: 2));
        var clock = new ManualTimeProvider();
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server), clock: clock);

        var call = host.Gateway.CompleteAsync(Ask("hello"));
        // The retry waits on the clock: the test sees the delay it chose rather than timing it.
        await Poll.UntilAsync(() => clock.PendingDelays.Contains(TimeSpan.FromSeconds(2)) || call.IsCompleted);
        Assert.Equal(1, _server.ChatRequestCount);
        clock.Advance(TimeSpan.FromSeconds(2));
        var result = await call;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, _server.ChatRequestCount);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried()
    {
        _server.Enqueue(FakeReply.Error(500, "boom"), FakeReply.Drop(), FakeReply.Error(503, "overloaded"));
        _server.Script(".", FakeReply.Answer("finally"));
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var result = await host.Gateway.CompleteAsync(Ask("hello"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("finally", result.Text);
        Assert.Equal(4, _server.ChatRequestCount);
    }

    [Fact]
    public async Task A_hung_request_times_out_and_is_retried()
    {
        _server.Enqueue(FakeReply.Hang());
        var attemptTimeout = TimeSpan.FromSeconds(5);
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Supervision:TimeoutSeconds"] = attemptTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var clock = new ManualTimeProvider();
        using var host = LlmTestHost.Create(settings, clock: clock);

        // Attempt timeouts run on the clock: the hung attempt ends when the test moves it, and the retry is never cut
        // short by a machine too busy to answer within a real second.
        var call = host.Gateway.CompleteAsync(Ask("hello"));
        await Poll.UntilAsync(() => _server.ChatRequestCount == 1 && clock.PendingDelays.Contains(attemptTimeout));
        clock.Advance(attemptTimeout);
        await Poll.UntilAsync(() => clock.PendingDelays.Count > 0 || call.IsCompleted);
        var retryDelay = clock.PendingDelays[0];
        Assert.True(retryDelay < attemptTimeout, $"the retry's backoff should be armed, but the next timer is {retryDelay}");
        clock.Advance(retryDelay);
        var result = await call;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, _server.ChatRequestCount);
    }

    [Fact]
    public async Task Exhausted_retries_return_an_error_result_not_an_exception()
    {
        _server.DefaultReply = FakeReply.Error(500, "internal failure on the model host");
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var result = await host.Gateway.CompleteAsync(Ask("hello"));

        Assert.False(result.Succeeded);
        Assert.Equal(LlmErrorKind.ServerError, result.ErrorKind);
        Assert.Contains("internal failure on the model host", result.Error);
        Assert.Equal(4, _server.ChatRequestCount);
        var stored = Assert.Single(host.Store.Calls);
        Assert.NotNull(stored.Error);
        Assert.Null(stored.Completion);
    }

    [Fact]
    public async Task Unauthorized_is_not_retried_and_shows_the_endpoint_message_without_the_key()
    {
        _server.DefaultReply = FakeReply.Error(401, $"Incorrect API key provided: {LlmTestHost.ApiKey}. You can find your key in your account.");
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var result = await host.Gateway.CompleteAsync(Ask("hello"));

        Assert.Equal(LlmErrorKind.Unauthorized, result.ErrorKind);
        Assert.Contains("Incorrect API key provided", result.Error);
        Assert.DoesNotContain(LlmTestHost.ApiKey, result.Error);
        Assert.Equal(1, _server.ChatRequestCount);
    }

    [Fact]
    public async Task Context_length_errors_are_not_retried()
    {
        _server.DefaultReply = FakeReply.Error(400, "This model's maximum context length is 4096 tokens. However, you requested 9000 tokens.");
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var result = await host.Gateway.CompleteAsync(Ask("a very long prompt"));

        Assert.Equal(LlmErrorKind.ContextLength, result.ErrorKind);
        Assert.Contains("maximum context length is 4096", result.Error);
        Assert.Equal(1, _server.ChatRequestCount);
    }

    [Fact]
    public async Task Malformed_json_is_an_error_result()
    {
        _server.DefaultReply = FakeReply.MalformedJson();
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var result = await host.Gateway.CompleteAsync(Ask("hello"));

        Assert.False(result.Succeeded);
        Assert.NotEqual(LlmErrorKind.None, result.ErrorKind);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public async Task The_breaker_opens_on_a_dead_endpoint_and_closes_when_it_recovers()
    {
        _server.DefaultReply = FakeReply.Error(500, "down");
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Resilience:MaxRetries"] = "0";
        settings["Llm:Resilience:BreakerMinimumThroughput"] = "3";
        settings["Llm:Resilience:BreakerFailureRatio"] = "0.5";
        settings["Llm:Resilience:BreakerBreakSeconds"] = "30";
        var clock = new ManualTimeProvider();
        using var host = LlmTestHost.Create(settings, clock: clock);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(LlmErrorKind.ServerError, (await host.Gateway.CompleteAsync(Ask($"try {i}"))).ErrorKind);
        }
        var paused = await host.Gateway.CompleteAsync(Ask("while open"));

        Assert.Equal(LlmErrorKind.EndpointUnavailable, paused.ErrorKind);
        Assert.Contains("paused", paused.Error);
        Assert.Equal(3, _server.ChatRequestCount);
        Assert.Equal(LlmEndpointState.Unavailable, host.Gateway.GetStatus(LlmRole.Supervision).State);

        // The break runs on the clock: it holds until the test moves the clock past it, however long the test takes.
        _server.DefaultReply = FakeReply.Answer("back");
        clock.Advance(TimeSpan.FromSeconds(29));
        var stillPaused = await host.Gateway.CompleteAsync(Ask("just before the end of the break"));
        Assert.Equal(LlmErrorKind.EndpointUnavailable, stillPaused.ErrorKind);
        Assert.Equal(3, _server.ChatRequestCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = await host.Gateway.CompleteAsync(Ask("after the break"));

        Assert.True(recovered.Succeeded, recovered.Error);
        Assert.Equal(LlmEndpointState.Available, host.Gateway.GetStatus(LlmRole.Supervision).State);
    }

    [Fact]
    public async Task A_repeated_request_is_answered_from_the_cache_without_an_http_call()
    {
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var first = await host.Gateway.CompleteAsync(Ask("cache me"));
        var second = await host.Gateway.CompleteAsync(Ask("cache me"));
        var otherSample = await host.Gateway.CompleteAsync(Ask("cache me", sample: 1));
        var otherTemperature = await host.Gateway.CompleteAsync(Ask("cache me") with { Temperature = 0.1 });

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.Text, second.Text);
        Assert.False(otherSample.FromCache);
        Assert.False(otherTemperature.FromCache);
        Assert.Equal(3, _server.ChatRequestCount);
    }

    [Fact]
    public async Task Identical_requests_in_flight_at_once_make_one_http_call_and_share_its_answer()
    {
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));
        _server.HoldReplies();

        // The first call's request waits at the server until all five calls are made, so they surely overlap.
        var calls = Enumerable.Range(0, 5).Select(_ => host.Gateway.CompleteAsync(Ask("same judge prompt"))).ToList();
        _server.ReleaseReplies();
        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.True(a.Succeeded, a.Error));
        Assert.Single(answers.Select(a => a.CallId).Distinct());
        Assert.NotNull(answers[0].CallId);
        Assert.Equal(1, _server.ChatRequestCount);
    }

    [Fact]
    public async Task A_failed_call_is_not_cached_and_is_retried_on_the_next_request()
    {
        _server.DefaultReply = FakeReply.Error(401, "bad key");
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));
        Assert.False((await host.Gateway.CompleteAsync(Ask("retry later"))).Succeeded);

        _server.DefaultReply = FakeReply.Answer("works now");
        var second = await host.Gateway.CompleteAsync(Ask("retry later"));

        Assert.True(second.Succeeded, second.Error);
        Assert.False(second.FromCache);
        Assert.Equal("works now", Assert.Single(host.Store.Calls).Completion);
    }

    [Fact]
    public async Task Replay_mode_returns_stored_answers_and_fails_clearly_on_a_miss()
    {
        var store = new InMemoryLlmCallStore();
        using (var recording = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server), store))
        {
            await recording.Gateway.CompleteAsync(Ask("recorded"));
        }
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Mode"] = "Replay";
        using var replay = LlmTestHost.Create(settings, store);

        var hit = await replay.Gateway.CompleteAsync(Ask("recorded"));
        var miss = await Assert.ThrowsAsync<LlmReplayMissException>(() => replay.Gateway.CompleteAsync(Ask("never recorded")));

        Assert.True(hit.FromCache);
        Assert.Contains("Replay mode", miss.Message);
        Assert.Contains("no stored answer", miss.Message);
        Assert.NotNull(miss.RequestHash);
        Assert.Equal(1, _server.ChatRequestCount);
    }

    [Fact]
    public async Task The_api_key_never_appears_in_logs_records_or_options_text()
    {
        _server.Enqueue(FakeReply.Error(429, "slow down", 1), FakeReply.Error(401, $"key {LlmTestHost.ApiKey} rejected"));
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        await host.Gateway.CompleteAsync(Ask("one"));
        await host.Gateway.CompleteAsync(Ask("two"));
        var tester = host.Services.GetRequiredService<LlmConnectionTester>();
        await tester.TestAsync(LlmRole.Supervision);
        var options = host.Services.GetRequiredService<IOptions<LlmOptions>>().Value;

        Assert.NotEmpty(host.Logs.Lines);
        Assert.All(_server.Requests.Where(r => r.Path.EndsWith("completions", StringComparison.Ordinal)), r => Assert.Contains(LlmTestHost.ApiKey, r.Authorization));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(LlmTestHost.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Store.Calls, c => $"{c.RequestJson}{c.ParametersJson}{c.Error}{c.Completion}{c.Endpoint}".Contains(LlmTestHost.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(LlmTestHost.ApiKey, options.ToString());
        Assert.DoesNotContain(LlmTestHost.ApiKey, options.Supervision.ToString());
    }

    [Fact]
    public async Task Token_totals_are_reported_per_run_and_stage()
    {
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));
        await host.Gateway.CompleteAsync(Ask("v1", runId: 7, stage: PipelineStage.Verifiers));
        await host.Gateway.CompleteAsync(Ask("v2", runId: 7, stage: PipelineStage.Verifiers));
        await host.Gateway.CompleteAsync(Ask("j1", runId: 7, stage: PipelineStage.Judge));
        await host.Gateway.CompleteAsync(Ask("other run", runId: 8, stage: PipelineStage.Judge));
        await host.Gateway.CompleteAsync(Ask("v1", runId: 7, stage: PipelineStage.Verifiers)); // cache hit: no new tokens

        var rows = await host.Services.GetRequiredService<LlmUsageQueries>().ByRunAndStageAsync(7);

        Assert.Equal(2, rows.Count);
        var verifiers = rows.Single(r => r.Stage == PipelineStage.Verifiers);
        Assert.Equal(2, verifiers.Calls);
        Assert.Equal(host.Store.Calls.Where(c => c.RunId == 7 && c.Stage == PipelineStage.Verifiers).Sum(c => c.PromptTokens ?? 0), verifiers.PromptTokens);
        Assert.True(verifiers.TotalTokens > 0);
        Assert.Equal(1, rows.Single(r => r.Stage == PipelineStage.Judge).Calls);
        var perRun = await host.Services.GetRequiredService<LlmUsageQueries>().ByRunAsync();
        Assert.Equal(3, perRun.Single(r => r.RunId == 7).Calls);
    }

    [Fact]
    public async Task A_parse_failure_is_recorded_on_the_call_and_counted()
    {
        _server.Script("judge", FakeReply.Answer("The response is fine but I forgot the score."));
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));

        var parsed = await host.Gateway.CompleteAndParseAsync(Ask("please judge", runId: 1, stage: PipelineStage.Judge), JudgeScoreParser.Parse);

        Assert.True(parsed.Result.Succeeded);
        Assert.False(parsed.Succeeded);
        Assert.Equal("The response is fine but I forgot the score.", parsed.Parse!.Raw);
        Assert.True(Assert.Single(host.Store.Calls).ParseFailed);
        Assert.Equal(1, (await host.Services.GetRequiredService<LlmUsageQueries>().ByRunAndStageAsync(1)).Single().ParseFailures);
    }

    [Fact]
    public async Task Connection_test_reports_model_and_latency_or_the_error()
    {
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server));
        var tester = host.Services.GetRequiredService<LlmConnectionTester>();

        var ok = await tester.TestAsync(LlmRole.Supervision);
        var bad = await tester.TestAsync(LlmRole.Supervision, new ModelEndpointOptions { BaseUrl = "http://127.0.0.1:1/v1", Model = "m", ApiKey = "sk-other-SECRET-123456" });

        Assert.True(ok.Succeeded, ok.Error);
        Assert.Equal(_server.ModelName, ok.Model);
        Assert.Contains(_server.ModelName, ok.AvailableModels);
        Assert.True(ok.LatencyMs >= 0);
        Assert.False(bad.Succeeded);
        Assert.Equal(LlmErrorKind.Network, bad.ErrorKind);
        Assert.DoesNotContain("SECRET", bad.Error);
    }

    [Fact]
    public async Task Cancellation_throws_instead_of_returning_an_error()
    {
        _server.DefaultReply = FakeReply.Hang();
        // On a clock that stands still the attempt never times out: the caller's cancellation is what ends the call.
        using var host = LlmTestHost.Create(LlmTestHost.EndpointSettings(_server), clock: new ManualTimeProvider());
        using var cancel = new CancellationTokenSource();

        var call = host.Gateway.CompleteAsync(Ask("hang"), cancel.Token);
        await Poll.UntilAsync(() => _server.ChatRequestCount == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(host.Store.Calls);
    }
}
