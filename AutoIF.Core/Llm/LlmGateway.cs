using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AutoIF.Core.Llm.Demo;
using AutoIF.Core.Llm.Parsing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Llm;

/// <summary>
/// Cache first, then (by mode) the demo model, the endpoint behind per-server backpressure, or a replay miss.
/// Every answered call is stored; a stored success is returned without calling anything. A role with several servers
/// (<c>Endpoints</c>) sends each call to the least busy one that is not resting, and a call a server could not answer
/// (unreachable, failing, paused by its breaker) to the next. A server's slots are this process's throttle and, with
/// <c>Llm:SharedSlots</c>, <see cref="SharedEndpointSlots"/> held by all processes on the database together.
/// </summary>
public sealed class LlmGateway : ILlmGateway, IDisposable
{
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly ILlmCallStore _store;
    private readonly ILlmChatClientProvider _clients;
    private readonly DemoChatClient _demo;
    private readonly LlmEndpointHealth _health;
    private readonly SharedEndpointSlots _sharedSlots;
    private readonly TimeProvider _time;
    private readonly ILogger<LlmGateway> _logger;
    private readonly ConcurrentDictionary<(LlmRole Role, string Server), LlmRoleThrottle> _throttles = new();
    private readonly Lock _throttleLock = new();
    private readonly ConcurrentDictionary<string, Task<LlmResult>> _inFlight = new(StringComparer.Ordinal);

    public LlmGateway(
        IOptionsMonitor<LlmOptions> options,
        ILlmCallStore store,
        ILlmChatClientProvider clients,
        DemoChatClient demo,
        LlmEndpointHealth health,
        SharedEndpointSlots sharedSlots,
        TimeProvider time,
        ILogger<LlmGateway> logger)
    {
        _options = options;
        _store = store;
        _clients = clients;
        _demo = demo;
        _health = health;
        _sharedSlots = sharedSlots;
        _time = time;
        _logger = logger;
    }

    public LlmMode Mode => _options.CurrentValue.EffectiveMode;

    public LlmEndpointStatus GetStatus(LlmRole role) =>
        _health.Get(role, [.. _options.CurrentValue.For(role).Servers().Select(s => LlmEndpointHealth.ServerOf(s.BaseUrl))]);

    /// <summary>Calls of a role holding a concurrency slot right now, over all its servers.</summary>
    public int InFlight(LlmRole role) => _throttles.Where(t => t.Key.Role == role).Sum(t => t.Value.InFlight);

    /// <summary>Calls of a role waiting in this process for a concurrency slot, over all its servers.</summary>
    public int Waiting(LlmRole role) => _throttles.Where(t => t.Key.Role == role).Sum(t => t.Value.Waiting);

    public async Task<LlmResult> CompleteAsync(LlmRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages.Count == 0)
        {
            throw new ArgumentException("A request needs at least one message.", nameof(request));
        }
        var options = _options.CurrentValue;
        var mode = options.EffectiveMode;
        var endpoint = options.For(request.Role);
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            // A run may name its own model on the configured endpoint (run setting Models:Supervision / Models:Policy).
            endpoint = endpoint.Clone();
            endpoint.Model = request.Model;
            endpoint.Endpoints = [.. endpoint.Endpoints.Select(e => new ModelEndpointEntry { BaseUrl = e.BaseUrl, MaxConcurrency = e.MaxConcurrency, ApiKey = e.ApiKey, Model = request.Model })];
        }
        // Every server of a role serves one model (the options validator sees to it), so the cache key does not depend on which answers.
        var model = mode == LlmMode.Demo ? DemoChatClient.ModelName : endpoint.Servers()[0].Model ?? "";
        var parameters = new LlmSamplingParameters(request.Temperature ?? endpoint.Temperature, endpoint.TopP, request.MaxTokens ?? endpoint.MaxTokens);
        var requestJson = LlmRequestHasher.CanonicalJson(model, request.Messages, parameters, request.SampleIndex);
        var hash = LlmRequestHasher.Hash(requestJson);

        var stored = await _store.FindByHashAsync(hash, cancellationToken);
        if (stored is { Error: null, Completion: not null })
        {
            _logger.LogDebug("LLM cache hit {Kind} {Role} {Hash}", request.Kind, request.Role, hash[..12]);
            return new LlmResult
            {
                Text = stored.Completion,
                FinishReason = stored.FinishReason,
                FromCache = true,
                IsDemo = stored.IsDemo,
                CallId = stored.Id,
                RequestHash = hash,
                Model = stored.Model,
                PromptTokens = stored.PromptTokens,
                CompletionTokens = stored.CompletionTokens,
                LatencyMs = stored.LatencyMs,
            };
        }

        if (mode == LlmMode.Replay)
        {
            throw new LlmReplayMissException(
                $"Replay mode: no stored answer for this {request.Kind} request to model '{model}' (role {request.Role}, sample {request.SampleIndex}, " +
                $"request hash {hash[..12]}). Switch Llm:Mode to Endpoint to call the model, or replay a run whose calls are stored.")
            {
                RequestHash = hash,
                Kind = request.Kind,
            };
        }

        // Single flight: identical requests in flight at once (the same judge or NLI prompt twice in a batch) share one
        // call and one record, instead of both calling and colliding on the stored request hash.
        var shared = new TaskCompletionSource<LlmResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = _inFlight.GetOrAdd(hash, shared.Task);
        while (leader != shared.Task)
        {
            try
            {
                return await leader.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The leader's caller was cancelled, not this one: take over (or follow the next leader).
                _inFlight.TryRemove(new KeyValuePair<string, Task<LlmResult>>(hash, leader));
                leader = _inFlight.GetOrAdd(hash, shared.Task);
            }
        }
        try
        {
            // Only a call that is really sent spends the budget: cache hits returned above, followers share this call.
            request.Budget?.Take();
            var result = await CallAndStoreAsync(request, options, mode, endpoint, model, parameters, requestJson, hash, cancellationToken);
            shared.SetResult(result);
            return result;
        }
        catch (Exception ex)
        {
            shared.SetException(ex);
            throw;
        }
        finally
        {
            _inFlight.TryRemove(hash, out _);
        }
    }

    private async Task<LlmResult> CallAndStoreAsync(
        LlmRequest request, LlmOptions options, LlmMode mode, ModelEndpointOptions endpoint, string model,
        LlmSamplingParameters parameters, string requestJson, string hash, CancellationToken cancellationToken)
    {
        var call = mode == LlmMode.Demo
            ? await CallDemoAsync(request, parameters, cancellationToken)
            : await CallServersAsync(request, endpoint, parameters, options, cancellationToken);

        var record = new LlmCall
        {
            RequestHash = hash,
            Role = request.Role,
            Model = model,
            Endpoint = mode == LlmMode.Demo ? null : call.Endpoint,
            PromptKind = request.Kind.ToString(),
            RequestJson = requestJson,
            ParametersJson = JsonSerializer.Serialize(parameters),
            Completion = call.Error is null ? call.Text : null,
            FinishReason = call.FinishReason,
            PromptTokens = call.PromptTokens,
            CompletionTokens = call.CompletionTokens,
            LatencyMs = call.LatencyMs,
            Error = call.Error,
            IsDemo = mode == LlmMode.Demo,
            RunId = request.RunId,
            Stage = request.Stage,
            CreatedAt = _time.GetUtcNow(),
        };
        long? callId = null;
        try
        {
            callId = await _store.SaveAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The answer is still good for this caller; losing the record only costs a repeat call later.
            _logger.LogError(ex, "Could not store the LLM call record {Hash}", hash[..12]);
        }
        return call with { CallId = callId, RequestHash = hash, Model = model, IsDemo = mode == LlmMode.Demo };
    }

    public async Task<LlmParsedResult<T>> CompleteAndParseAsync<T>(LlmRequest request, Func<string, ParseResult<T>> parse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var result = await CompleteAsync(request, cancellationToken);
        if (!result.Succeeded)
        {
            return new LlmParsedResult<T>(result, null);
        }
        var parsed = parse(result.Text);
        if (!parsed.Success && result.CallId is { } id)
        {
            await MarkParseFailedAsync(id, cancellationToken);
        }
        return new LlmParsedResult<T>(result, parsed);
    }

    public Task MarkParseFailedAsync(long callId, CancellationToken cancellationToken = default) =>
        _store.MarkParseFailedAsync(callId, cancellationToken);

    public void Dispose()
    {
        foreach (var throttle in _throttles.Values)
        {
            throttle.Dispose();
        }
    }

    private async Task<LlmResult> CallDemoAsync(LlmRequest request, LlmSamplingParameters parameters, CancellationToken cancellationToken)
    {
        var options = ChatOptionsFor(DemoChatClient.ModelName, parameters);
        options.AdditionalProperties = new AdditionalPropertiesDictionary
        {
            [DemoChatClient.KindProperty] = request.Kind.ToString(),
            [DemoChatClient.SampleIndexProperty] = request.SampleIndex,
        };
        var started = Stopwatch.GetTimestamp();
        var response = await _demo.GetResponseAsync(ToChatMessages(request.Messages), options, cancellationToken);
        return FromResponse(response, started);
    }

    /// <summary>The call on the least busy server not resting; on a server-side failure, on the next, until one answers.</summary>
    private async Task<LlmResult> CallServersAsync(
        LlmRequest request, ModelEndpointOptions endpoint, LlmSamplingParameters parameters, LlmOptions options, CancellationToken cancellationToken)
    {
        var servers = endpoint.Servers();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var server = LeastBusy(request.Role, servers, tried) ?? servers[0];
        while (true)
        {
            LlmResult result;
            await using (var slots = await TakeSlotsAsync(request.Role, PriorityOf(request), server, servers, tried, cancellationToken))
            {
                server = slots.Server;
                result = await CallEndpointAsync(request, server, parameters, options, cancellationToken);
            }
            tried.Add(LlmEndpointHealth.ServerOf(server.BaseUrl));
            if (result.Succeeded || !IsServerFailure(result.ErrorKind) || LeastBusy(request.Role, servers, tried) is not { } next
                || _health.IsResting(request.Role, LlmEndpointHealth.ServerOf(next.BaseUrl)))
            {
                return result;
            }
            _logger.LogInformation("{Role} call failed on {Server} ({ErrorKind}); trying {Next}", request.Role,
                LlmEndpointHealth.ServerOf(server.BaseUrl), result.ErrorKind, LlmEndpointHealth.ServerOf(next.BaseUrl));
            server = next;
        }
    }

    /// <summary>
    /// A slot of this process's throttle for <paramref name="preferred"/>, then (with <c>Llm:SharedSlots</c>) one of its
    /// slots shared by all processes. While other processes hold all of those, a server that has both kinds free now takes
    /// the call instead; failing that, the call waits for whichever frees first.
    /// </summary>
    private async Task<HeldSlots> TakeSlotsAsync(
        LlmRole role, int priority, ModelEndpointOptions preferred, IReadOnlyList<ModelEndpointOptions> servers, HashSet<string> tried, CancellationToken cancellationToken)
    {
        var local = await Throttle(role, preferred).AcquireAsync(priority, cancellationToken);
        if (!_sharedSlots.IsEnabled)
        {
            return new HeldSlots(preferred, local, null);
        }
        try
        {
            var preferredKey = LlmEndpointHealth.ServerOf(preferred.BaseUrl);
            for (var attempt = 0; ; attempt++)
            {
                if (await _sharedSlots.TryAcquireAsync(role, preferredKey, preferred.MaxConcurrency, cancellationToken) is { } shared)
                {
                    return new HeldSlots(preferred, local, shared);
                }
                foreach (var other in ByLoad(role, servers, tried))
                {
                    var otherKey = LlmEndpointHealth.ServerOf(other.BaseUrl);
                    if (otherKey == preferredKey || _health.IsResting(role, otherKey) || Throttle(role, other).TryAcquire() is not { } otherLocal)
                    {
                        continue;
                    }
                    IAsyncDisposable? otherShared;
                    try
                    {
                        otherShared = await _sharedSlots.TryAcquireAsync(role, otherKey, other.MaxConcurrency, cancellationToken);
                    }
                    catch
                    {
                        otherLocal.Dispose();
                        throw;
                    }
                    if (otherShared is not null)
                    {
                        local.Dispose();
                        return new HeldSlots(other, otherLocal, otherShared);
                    }
                    otherLocal.Dispose();
                }
                await Task.Delay(SharedEndpointSlots.RetryDelay(attempt), cancellationToken);
            }
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Which waiting call a freed slot goes to (decision 053): a run's later stage first, so an item streaming through the
    /// stages is not queued behind every call the stage in front has asked; a call of no stage (the reward service, the
    /// Playground) has someone waiting for it and goes before them all.
    /// </summary>
    private static int PriorityOf(LlmRequest request) => request.Stage is { } stage ? (int)stage : int.MaxValue;

    /// <summary>Failures of the server, not of the request: another server of the role may well answer it.</summary>
    private static bool IsServerFailure(LlmErrorKind kind) =>
        kind is LlmErrorKind.EndpointUnavailable or LlmErrorKind.ServerError or LlmErrorKind.Network or LlmErrorKind.Timeout or LlmErrorKind.RateLimited;

    private ModelEndpointOptions? LeastBusy(LlmRole role, IReadOnlyList<ModelEndpointOptions> servers, HashSet<string> tried) =>
        ByLoad(role, servers, tried).FirstOrDefault();

    /// <summary>
    /// The servers not tried yet, best first: those not resting before those that are; then the smallest share of this
    /// process's slots in use; ties in the order listed.
    /// </summary>
    private IEnumerable<ModelEndpointOptions> ByLoad(LlmRole role, IReadOnlyList<ModelEndpointOptions> servers, HashSet<string> tried) =>
        servers
            .Select(server => (Server: server, Key: LlmEndpointHealth.ServerOf(server.BaseUrl)))
            .Where(s => !tried.Contains(s.Key))
            .OrderBy(s => _health.IsResting(role, s.Key))
            .ThenBy(s => (double)(_throttles.TryGetValue((role, s.Key), out var throttle) ? throttle.InFlight : 0) / s.Server.MaxConcurrency)
            .Select(s => s.Server);

    private async Task<LlmResult> CallEndpointAsync(
        LlmRequest request, ModelEndpointOptions endpoint, LlmSamplingParameters parameters, LlmOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var client = _clients.Create(endpoint, request.Role);
            var response = await client.GetResponseAsync(ToChatMessages(request.Messages), ChatOptionsFor(endpoint.Model ?? "", parameters), cancellationToken);
            return FromResponse(response, started) with { Endpoint = endpoint.BaseUrl };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var (kind, message) = LlmErrorClassifier.Classify(ex, endpoint.BaseUrl);
            message = LlmSecretRedactor.Redact(message, options);
            if (kind == LlmErrorKind.EndpointUnavailable)
            {
                message = _health.Get(request.Role, LlmEndpointHealth.ServerOf(endpoint.BaseUrl)).Describe();
            }
            _logger.LogWarning("LLM call failed: {Kind} {Role} {ErrorKind}: {Message}", request.Kind, request.Role, kind, message);
            return new LlmResult
            {
                Error = message,
                ErrorKind = kind,
                LatencyMs = ElapsedMs(started),
                RequestHash = "",
                Model = endpoint.Model ?? "",
                Endpoint = endpoint.BaseUrl,
            };
        }
    }

    private LlmRoleThrottle Throttle(LlmRole role, ModelEndpointOptions endpoint)
    {
        var key = (role, LlmEndpointHealth.ServerOf(endpoint.BaseUrl));
        if (_throttles.TryGetValue(key, out var current) &&
            current.MaxConcurrency == endpoint.MaxConcurrency && current.RequestsPerMinute == endpoint.RequestsPerMinute)
        {
            return current;
        }
        lock (_throttleLock)
        {
            if (_throttles.TryGetValue(key, out current) &&
                current.MaxConcurrency == endpoint.MaxConcurrency && current.RequestsPerMinute == endpoint.RequestsPerMinute)
            {
                return current;
            }
            // Settings changed: new calls use the new limits; calls holding old slots finish under the old ones.
            var created = new LlmRoleThrottle(endpoint.MaxConcurrency, endpoint.RequestsPerMinute);
            _throttles[key] = created;
            return created;
        }
    }

    private static ChatOptions ChatOptionsFor(string model, LlmSamplingParameters parameters) => new()
    {
        ModelId = model,
        Temperature = (float)parameters.Temperature,
        TopP = (float)parameters.TopP,
        MaxOutputTokens = parameters.MaxTokens,
    };

    private static List<ChatMessage> ToChatMessages(IReadOnlyList<LlmMessage> messages) =>
        [.. messages.Select(m => new ChatMessage(m.Role switch
        {
            LlmMessageRole.System => ChatRole.System,
            LlmMessageRole.Assistant => ChatRole.Assistant,
            _ => ChatRole.User,
        }, m.Content))];

    private static LlmResult FromResponse(ChatResponse response, long started) => new()
    {
        Text = response.Text,
        FinishReason = response.FinishReason?.Value,
        PromptTokens = (int?)response.Usage?.InputTokenCount,
        CompletionTokens = (int?)response.Usage?.OutputTokenCount,
        LatencyMs = ElapsedMs(started),
        RequestHash = "",
        Model = response.ModelId ?? "",
    };

    private static int ElapsedMs(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The server a call goes to with the slots it holds there: this process's, and the one shared by all processes.</summary>
    private sealed class HeldSlots(ModelEndpointOptions server, IDisposable local, IAsyncDisposable? shared) : IAsyncDisposable
    {
        public ModelEndpointOptions Server { get; } = server;

        public async ValueTask DisposeAsync()
        {
            // The shared slot first: this process's slot admits its next call only once the server's slot is free again.
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
            local.Dispose();
        }
    }
}
