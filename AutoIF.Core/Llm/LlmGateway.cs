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
/// Cache first, then (by mode) the demo model, the endpoint behind per-role backpressure, or a replay miss.
/// Every answered call is stored; a stored success is returned without calling anything.
/// </summary>
public sealed class LlmGateway : ILlmGateway, IDisposable
{
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly ILlmCallStore _store;
    private readonly ILlmChatClientProvider _clients;
    private readonly DemoChatClient _demo;
    private readonly LlmEndpointHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<LlmGateway> _logger;
    private readonly ConcurrentDictionary<LlmRole, LlmRoleThrottle> _throttles = new();
    private readonly Lock _throttleLock = new();
    private readonly ConcurrentDictionary<string, Task<LlmResult>> _inFlight = new(StringComparer.Ordinal);

    public LlmGateway(
        IOptionsMonitor<LlmOptions> options,
        ILlmCallStore store,
        ILlmChatClientProvider clients,
        DemoChatClient demo,
        LlmEndpointHealth health,
        TimeProvider time,
        ILogger<LlmGateway> logger)
    {
        _options = options;
        _store = store;
        _clients = clients;
        _demo = demo;
        _health = health;
        _time = time;
        _logger = logger;
    }

    public LlmMode Mode => _options.CurrentValue.EffectiveMode;

    public LlmEndpointStatus GetStatus(LlmRole role) => _health.Get(role);

    /// <summary>Calls of a role holding a concurrency slot right now.</summary>
    public int InFlight(LlmRole role) => _throttles.TryGetValue(role, out var throttle) ? throttle.InFlight : 0;

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
        }
        var model = mode == LlmMode.Demo ? DemoChatClient.ModelName : endpoint.Model ?? "";
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
            : await CallEndpointAsync(request, endpoint, parameters, options, cancellationToken);

        var record = new LlmCall
        {
            RequestHash = hash,
            Role = request.Role,
            Model = model,
            Endpoint = mode == LlmMode.Demo ? null : endpoint.BaseUrl,
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

    private async Task<LlmResult> CallEndpointAsync(
        LlmRequest request, ModelEndpointOptions endpoint, LlmSamplingParameters parameters, LlmOptions options, CancellationToken cancellationToken)
    {
        var throttle = Throttle(request.Role, endpoint);
        using var slot = await throttle.AcquireAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var client = _clients.Create(endpoint, request.Role);
            var response = await client.GetResponseAsync(ToChatMessages(request.Messages), ChatOptionsFor(endpoint.Model ?? "", parameters), cancellationToken);
            return FromResponse(response, started);
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
                message = _health.Get(request.Role).Describe();
            }
            _logger.LogWarning("LLM call failed: {Kind} {Role} {ErrorKind}: {Message}", request.Kind, request.Role, kind, message);
            return new LlmResult
            {
                Error = message,
                ErrorKind = kind,
                LatencyMs = ElapsedMs(started),
                RequestHash = "",
                Model = endpoint.Model ?? "",
            };
        }
    }

    private LlmRoleThrottle Throttle(LlmRole role, ModelEndpointOptions endpoint)
    {
        if (_throttles.TryGetValue(role, out var current) &&
            current.MaxConcurrency == endpoint.MaxConcurrency && current.RequestsPerMinute == endpoint.RequestsPerMinute)
        {
            return current;
        }
        lock (_throttleLock)
        {
            if (_throttles.TryGetValue(role, out current) &&
                current.MaxConcurrency == endpoint.MaxConcurrency && current.RequestsPerMinute == endpoint.RequestsPerMinute)
            {
                return current;
            }
            // Settings changed: new calls use the new limits; calls holding old slots finish under the old ones.
            var created = new LlmRoleThrottle(endpoint.MaxConcurrency, endpoint.RequestsPerMinute);
            _throttles[role] = created;
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
}
