using System.Diagnostics;
using AutoIF.Core.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Bench;

/// <summary>
/// Gateway throughput through the real OpenAI client, resilience pipeline and call store against a loopback server
/// with 200 ms latency at concurrency 16: the ideal is 16 / 0.2 s = 80 calls/s; the target is a ratio ≥ 0.9.
/// </summary>
internal sealed class LlmBenchmark : IBenchmark
{
    private const int Concurrency = 16;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    public string Name => "llm";

    public string Description => "LLM gateway: 2,000 calls, 200 ms latency, concurrency 16 (ideal 80 calls/s)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var calls = quick ? 64 : 2000;
        await using var server = await BenchOpenAiServer.StartAsync(Latency);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Mode"] = "Endpoint",
            ["Llm:Supervision:BaseUrl"] = server.BaseUrl.ToString(),
            ["Llm:Supervision:Model"] = "bench-model",
            ["Llm:Supervision:ApiKey"] = "bench-key-not-secret",
            ["Llm:Supervision:MaxConcurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton<ILlmCallStore, InMemoryLlmCallStore>()
            .AddSingleton(TimeProvider.System);
        services.AddLlmGateway();
        await using var provider = services.BuildServiceProvider();
        var gateway = provider.GetRequiredService<ILlmGateway>();

        // Warm up connections and JIT outside the measurement.
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(i => gateway.CompleteAsync(Request($"warm-up {i}"), cancellationToken)));

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => gateway.CompleteAsync(Request($"benchmark call {i}"), cancellationToken)));
        watch.Stop();

        var failed = results.Count(r => !r.Succeeded);
        var rate = calls / watch.Elapsed.TotalSeconds;
        var ideal = Concurrency / Latency.TotalSeconds;
        Console.WriteLine($"  calls: {calls}, failed: {failed}, elapsed: {watch.Elapsed.TotalSeconds:F2} s, max in flight at server: {server.MaxInFlight}");
        Console.WriteLine($"  achieved: {rate:F1} calls/s, ideal: {ideal:F0} calls/s, ratio: {rate / ideal:F3}{(quick ? " (quick run, not a measurement)" : rate / ideal >= 0.9 ? " (target ≥ 0.9 met)" : " (below the 0.9 target)")}");

        // A second pass over the same requests is all cache hits and makes no HTTP call.
        watch.Restart();
        var cached = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => gateway.CompleteAsync(Request($"benchmark call {i}"), cancellationToken)));
        Console.WriteLine($"  cache replay: {cached.Count(r => r.FromCache)}/{calls} from cache in {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static LlmRequest Request(string prompt) => new() { Kind = PromptKind.Custom, Messages = [LlmMessage.User(prompt)] };
}
