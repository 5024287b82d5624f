using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AutoIF.Core.Llm.Demo;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Llm;

/// <summary>
/// Makes one small call to an endpoint (the configured one of a role, or unsaved settings from the Settings page)
/// and reports the model name and latency, or the endpoint's error. Bypasses cache, retries and breaker on purpose.
/// </summary>
public sealed class LlmConnectionTester(
    IOptionsMonitor<LlmOptions> options,
    ILlmChatClientProvider clients,
    IHttpClientFactory httpClientFactory,
    DemoChatClient demo)
{
    public async Task<LlmConnectionTestResult> TestAsync(LlmRole role, ModelEndpointOptions? endpoint = null, CancellationToken cancellationToken = default)
    {
        var current = options.CurrentValue;
        if (endpoint is null && current.EffectiveMode == LlmMode.Demo)
        {
            var demoStarted = Stopwatch.GetTimestamp();
            var demoReply = await demo.GetResponseAsync([new ChatMessage(ChatRole.User, "Reply with the single word: ok")], cancellationToken: cancellationToken);
            return new LlmConnectionTestResult(true, DemoChatClient.ModelName, (int)Stopwatch.GetElapsedTime(demoStarted).TotalMilliseconds, demoReply.Text, null, LlmErrorKind.None);
        }
        endpoint ??= current.For(role);
        if (endpoint.Endpoints.Count > 0)
        {
            // Every server of the role: the first that fails is the answer, else the first one's.
            LlmConnectionTestResult? first = null;
            foreach (var server in endpoint.Servers())
            {
                var result = await TestAsync(role, server, cancellationToken);
                if (!result.Succeeded)
                {
                    return result;
                }
                first ??= result;
            }
            return first!;
        }
        if (!endpoint.HasEndpoint || !Uri.TryCreate(endpoint.BaseUrl, UriKind.Absolute, out _))
        {
            return new LlmConnectionTestResult(false, null, 0, null, $"No valid base URL for the {role} role.", LlmErrorKind.BadRequest);
        }
        if (string.IsNullOrWhiteSpace(endpoint.Model))
        {
            return new LlmConnectionTestResult(false, null, 0, null, $"No model name for the {role} role.", LlmErrorKind.BadRequest);
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(endpoint.TimeoutSeconds, 60)));
        try
        {
            var client = clients.Create(endpoint, LlmHttpClientNames.ConnectionTest);
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.User, "Reply with the single word: ok")],
                new ChatOptions { ModelId = endpoint.Model, MaxOutputTokens = 8, Temperature = 0 },
                timeout.Token);
            var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var models = await ListModelsAsync(endpoint, timeout.Token);
            return new LlmConnectionTestResult(true, response.ModelId ?? endpoint.Model, latency, response.Text, null, LlmErrorKind.None) { AvailableModels = models };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var (kind, message) = ex is OperationCanceledException
                ? (LlmErrorKind.Timeout, $"{endpoint.BaseUrl} did not answer within {Math.Min(endpoint.TimeoutSeconds, 60)} s.")
                : LlmErrorClassifier.Classify(ex, endpoint.BaseUrl);
            return new LlmConnectionTestResult(false, null, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, null,
                LlmSecretRedactor.Redact(message, endpoint.ApiKey, current.Supervision.ApiKey, current.Policy.ApiKey), kind);
        }
    }

    private async Task<IReadOnlyList<string>> ListModelsAsync(ModelEndpointOptions endpoint, CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClientFactory.CreateClient(LlmHttpClientNames.ConnectionTest);
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.BaseUrl!.TrimEnd('/') + "/models");
            if (endpoint.HasApiKey)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
            }
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? [.. data.EnumerateArray().Select(m => m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>()]
                : [];
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            // Listing models is a courtesy; many servers do not offer it.
            return [];
        }
    }
}
