using System.Text.Json;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIF.Bench;

/// <summary>
/// A minimal OpenAI-compatible chat endpoint on 127.0.0.1 that answers after a fixed latency and counts requests in
/// flight. Without a responder every answer is "ok"; with one, the answer is computed from the last user message.
/// </summary>
internal sealed class BenchOpenAiServer : IAsyncDisposable
{
    private const string Body =
        """{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":1,"total_tokens":11}}""";

    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;

    private BenchOpenAiServer(WebApplication app, TimeSpan latency, Func<string, string>? responder)
    {
        _app = app;
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
            try
            {
                var body = Body;
                if (responder is not null)
                {
                    using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                    var last = request.RootElement.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user");
                    body = Completion(responder(last.GetProperty("content").GetString() ?? ""));
                }
                await Task.Delay(latency, context.RequestAborted);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<BenchOpenAiServer> StartAsync(TimeSpan latency, Func<string, string>? responder = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var server = new BenchOpenAiServer(builder.Build(), latency, responder);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private static string Completion(string text) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-bench",
        @object = "chat.completion",
        created = 0,
        model = "bench-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = Math.Max(1, text.Length / 4), total_tokens = 10 + Math.Max(1, text.Length / 4) },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
