using System.ClientModel;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AutoIF.Core.Llm;

/// <summary>Turns what the client threw into an error kind and the endpoint's own message.</summary>
public static class LlmErrorClassifier
{
    public static (LlmErrorKind Kind, string Message) Classify(Exception exception, string? baseUrl)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                    return (LlmErrorKind.EndpointUnavailable, $"{baseUrl} is unavailable after repeated failures; calls are paused (circuit open).");
                case TimeoutRejectedException:
                    return (LlmErrorKind.Timeout, $"{baseUrl} did not answer within the request timeout (every attempt timed out).");
                case ClientResultException { Status: > 0 } cre:
                    return FromStatus(cre, baseUrl);
                case HttpRequestException hre:
                    return (LlmErrorKind.Network, $"Could not reach {baseUrl}: {hre.Message}");
                case JsonException or FormatException or KeyNotFoundException:
                    return (LlmErrorKind.InvalidResponse, $"{baseUrl} returned a body that is not a chat completion: {e.Message}");
                default:
                    break;
            }
        }
        if (exception is ClientResultException { Status: 0 } noStatus)
        {
            return (LlmErrorKind.Network, $"Could not reach {baseUrl}: {noStatus.Message}");
        }
        if (exception is TaskCanceledException or TimeoutException)
        {
            return (LlmErrorKind.Timeout, $"{baseUrl} did not answer in time.");
        }
        return (LlmErrorKind.Unknown, $"{exception.GetType().Name}: {exception.Message}");
    }

    private static (LlmErrorKind, string) FromStatus(ClientResultException exception, string? baseUrl)
    {
        var status = exception.Status;
        var detail = EndpointMessage(exception);
        var message = $"HTTP {status} from {baseUrl}: {detail}";
        var kind = status switch
        {
            401 or 403 => LlmErrorKind.Unauthorized,
            429 => LlmErrorKind.RateLimited,
            >= 500 => LlmErrorKind.ServerError,
            400 or 413 or 422 when IsContextLength(detail) => LlmErrorKind.ContextLength,
            _ => LlmErrorKind.BadRequest,
        };
        return (kind, message);
    }

    private static bool IsContextLength(string detail) =>
        detail.Contains("context length", StringComparison.OrdinalIgnoreCase) ||
        detail.Contains("context_length", StringComparison.OrdinalIgnoreCase) ||
        detail.Contains("context window", StringComparison.OrdinalIgnoreCase) ||
        detail.Contains("maximum context", StringComparison.OrdinalIgnoreCase) ||
        detail.Contains("too many tokens", StringComparison.OrdinalIgnoreCase) ||
        detail.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>error.message</c> of an OpenAI-style error body, else the raw body, else the exception message.</summary>
    private static string EndpointMessage(ClientResultException exception)
    {
        string? body = null;
        try
        {
            body = exception.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // A streamed or disposed body cannot be read again; fall back to the exception message.
        }
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return error.GetString() ?? body;
                    }
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                    {
                        return message.GetString() ?? body;
                    }
                }
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    return detail.GetString() ?? body;
                }
            }
            catch (JsonException)
            {
                // Not JSON: the raw body is the message.
            }
            return body.Length > 500 ? body[..500] + "…" : body;
        }
        return exception.Message;
    }
}
