using AutoIF.Core.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIF.Tests.Llm;

/// <summary>The real registration (<c>AddLlmGateway</c>) over in-memory configuration, with fast retry settings and captured logs.</summary>
public sealed class LlmTestHost : IDisposable
{
    public const string ApiKey = "sk-test-SECRET-4f9a8b7c6d5e";

    private LlmTestHost(ServiceProvider services, CapturingLoggerProvider logs, InMemoryLlmCallStore store)
    {
        Services = services;
        Logs = logs;
        Store = store;
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public InMemoryLlmCallStore Store { get; }

    public ILlmGateway Gateway => Services.GetRequiredService<ILlmGateway>();

    public static Dictionary<string, string?> EndpointSettings(FakeOpenAiServer server) => new()
    {
        ["Llm:Mode"] = "Endpoint",
        ["Llm:Supervision:BaseUrl"] = server.BaseUrl.ToString(),
        ["Llm:Supervision:Model"] = server.ModelName,
        ["Llm:Supervision:ApiKey"] = ApiKey,
        ["Llm:Supervision:MaxConcurrency"] = "4",
        ["Llm:Supervision:TimeoutSeconds"] = "5",
        ["Llm:Resilience:MaxRetries"] = "3",
        ["Llm:Resilience:BaseDelayMilliseconds"] = "20",
        ["Llm:Resilience:MaxDelayMilliseconds"] = "3000",
        ["Llm:Resilience:BreakerMinimumThroughput"] = "100",
        ["Llm:Resilience:BreakerBreakSeconds"] = "1",
    };

    /// <summary>
    /// Builds the host; with a <paramref name="clock"/>, the gateway, the breaker, retry delays and attempt timeouts all
    /// run on it, so a test moves time itself instead of waiting for it.
    /// </summary>
    public static LlmTestHost Create(IDictionary<string, string?> settings, InMemoryLlmCallStore? store = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        store ??= new InMemoryLlmCallStore();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton<ILlmCallStore>(store);
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddLlmGateway();
        return new LlmTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), logs, store);
    }

    public void Dispose() => Services.Dispose();
}
