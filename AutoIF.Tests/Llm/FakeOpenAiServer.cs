using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIF.Tests.Llm;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (random port) serving <c>/v1/chat/completions</c> and <c>/v1/models</c>
/// from a script: one-shot replies queued with <see cref="Enqueue"/> go first, then the first pattern (regex on the
/// last user message) added with <see cref="Script"/>, then <see cref="DefaultReply"/>. Counts requests in flight.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _queue = new();
    private readonly List<(Regex Pattern, FakeReply Reply)> _scripts = [];
    private readonly Lock _scriptLock = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;
    private TaskCompletionSource? _held;
    private Regex? _heldOnly;
    private int _disposed;

    private FakeOpenAiServer(WebApplication app)
    {
        _app = app;
    }

    public string ModelName { get; set; } = "fake-model";

    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Computes a reply from the last user message when no queued reply is waiting and before the patterns are tried;
    /// returning null falls through to the patterns. Lets a test act as a deterministic model (same prompt, same answer).
    /// </summary>
    public Func<string, FakeReply?>? Responder { get; set; }

    /// <summary>Answer to anything not queued or scripted: echoes nothing, says "ok".</summary>
    public FakeReply DefaultReply { get; set; } = FakeReply.Answer("ok");

    public Uri BaseUrl { get; private set; } = null!;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public int ChatRequestCount => _requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapGet("/v1/models", server.Models);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _queue.Enqueue(reply);
        }
    }

    public void Script(string pattern, FakeReply reply)
    {
        lock (_scriptLock)
        {
            _scripts.Add((new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline), reply));
        }
    }

    /// <summary>
    /// Holds every chat request, once received and counted, until <see cref="ReleaseReplies"/>: a test that needs calls to
    /// be in flight together waits for that state instead of relying on a latency being long enough.
    /// </summary>
    public void HoldReplies()
    {
        Volatile.Write(ref _heldOnly, null);
        Volatile.Write(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>
    /// <see cref="HoldReplies"/> for the requests whose last user message matches <paramref name="pattern"/> only; the
    /// others are answered as usual, so a test can keep some calls out while the rest go on.
    /// </summary>
    public void HoldRepliesTo(string pattern)
    {
        Volatile.Write(ref _heldOnly, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline));
        Volatile.Write(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Answers the held requests and every later one at once.</summary>
    public void ReleaseReplies() => Volatile.Read(ref _held)?.TrySetResult();

    public void ClearScripts()
    {
        lock (_scriptLock)
        {
            _scripts.Clear();
        }
        _queue.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        // A test may stop the server early to play a dead endpoint; its own disposal comes after.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Models(HttpContext context)
    {
        _requests.Enqueue(new FakeRequest(context.Request.Path, "", "", context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
        return Results.Json(new { @object = "list", data = new[] { new { id = ModelName, @object = "model", created = 0, owned_by = "fake" } } });
    }

    private async Task ChatAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var lastUser = LastUserMessage(body);
            _requests.Enqueue(new FakeRequest(context.Request.Path, lastUser, body, context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
            if (Volatile.Read(ref _held) is { } held && Volatile.Read(ref _heldOnly)?.IsMatch(lastUser) != false)
            {
                await held.Task.WaitAsync(context.RequestAborted);
            }
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }
            await WriteAsync(context, Choose(lastUser), lastUser);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (timeout or cancellation).
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private FakeReply Choose(string lastUser)
    {
        if (_queue.TryDequeue(out var queued))
        {
            return queued;
        }
        if (Responder?.Invoke(lastUser) is { } computed)
        {
            return computed;
        }
        lock (_scriptLock)
        {
            foreach (var (pattern, reply) in _scripts)
            {
                if (pattern.IsMatch(lastUser))
                {
                    return reply;
                }
            }
        }
        return DefaultReply;
    }

    private async Task WriteAsync(HttpContext context, FakeReply reply, string prompt)
    {
        switch (reply.Kind)
        {
            case FakeReplyKind.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            case FakeReplyKind.Drop:
                context.Features.Get<IHttpRequestLifetimeFeature>()?.Abort();
                return;
            case FakeReplyKind.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [ {\"message\": ", context.RequestAborted);
                return;
            case FakeReplyKind.Error:
                context.Response.StatusCode = reply.Status;
                if (reply.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await context.Response.WriteAsJsonAsync(new { error = new { message = reply.ErrorMessage, type = "fake_error", code = reply.Status } }, context.RequestAborted);
                return;
            default:
                var promptTokens = Math.Max(1, prompt.Length / 4);
                var completionTokens = Math.Max(1, reply.Text.Length / 4);
                var json = new JsonObject
                {
                    ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                    ["object"] = "chat.completion",
                    ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["model"] = ModelName,
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text },
                        ["finish_reason"] = reply.FinishReason,
                    }),
                    ["usage"] = new JsonObject
                    {
                        ["prompt_tokens"] = promptTokens,
                        ["completion_tokens"] = completionTokens,
                        ["total_tokens"] = promptTokens + completionTokens,
                    },
                };
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
                return;
        }
    }

    private static string LastUserMessage(string body)
    {
        try
        {
            var messages = JsonNode.Parse(body)?["messages"]?.AsArray();
            var user = messages?.LastOrDefault(m => (string?)m?["role"] == "user");
            return user?["content"] switch
            {
                JsonValue value => (string?)value ?? "",
                JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
                _ => "",
            };
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
