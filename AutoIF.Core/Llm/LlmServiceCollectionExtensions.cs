using AutoIF.Core.Llm.Demo;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace AutoIF.Core.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LlmOptions"/> (section <c>Llm</c>, validated at start), one HttpClient per role with
    /// retries (exponential backoff, jitter, Retry-After), a circuit breaker and a per-attempt timeout, the gateway,
    /// the demo model, the connection tester and usage queries. The call store is
    /// <see cref="EfLlmCallStore"/> when storage (<c>AddAutoIfStorage</c>) is registered, else <see cref="InMemoryLlmCallStore"/>;
    /// an <see cref="ILlmCallStore"/> registered before this call wins. The host registers the <see cref="TimeProvider"/>
    /// (the app's in <c>AddAutoIfCore</c>), so retries, breaker and timeouts run on the same clock as the rest.
    /// </summary>
    public static IServiceCollection AddLlmGateway(this IServiceCollection services)
    {
        services.AddValidatedOptions<LlmOptions>(LlmOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        services.TryAddSingleton<LlmEndpointHealth>();
        services.TryAddSingleton<ILlmCallStore>(sp => sp.GetService<IDbContextFactory<AutoIfDbContext>>() is { } factory
            ? new EfLlmCallStore(factory)
            : new InMemoryLlmCallStore());
        services.TryAddSingleton(sp => new SharedEndpointSlots(
            sp.GetRequiredService<IOptionsMonitor<LlmOptions>>(), EndpointSlotLocksFor(sp), sp.GetRequiredService<ILogger<SharedEndpointSlots>>()));
        services.TryAddSingleton<DemoChatClient>();
        services.TryAddSingleton<ILlmChatClientProvider, OpenAiChatClientProvider>();
        services.TryAddSingleton<LlmGateway>();
        services.TryAddSingleton<ILlmGateway>(sp => sp.GetRequiredService<LlmGateway>());
        services.TryAddSingleton(PromptTemplates.Default);
        services.TryAddTransient<LlmConnectionTester>();
        services.TryAddTransient<LlmUsageQueries>();

        foreach (var role in Enum.GetValues<LlmRole>())
        {
            services.AddHttpClient(LlmHttpClientNames.For(role), client => client.Timeout = Timeout.InfiniteTimeSpan)
                .AddResilienceHandler("llm", (builder, context) => ConfigurePipeline(builder, context, role))
                // One pipeline, so one breaker, per server: a role's failing server rests while its others carry on.
                .SelectPipelineBy(_ => request => LlmEndpointHealth.ServerOf(request.RequestUri));
        }
        services.AddHttpClient(LlmHttpClientNames.ConnectionTest, client => client.Timeout = TimeSpan.FromSeconds(60));
        return services;
    }

    /// <summary>The database's kind of cross-process lock, as for run locks (<see cref="RunLock"/>); none without a database.</summary>
    private static IEndpointSlotLocks? EndpointSlotLocksFor(IServiceProvider services)
    {
        if (services.GetService<IDbContextFactory<AutoIfDbContext>>() is not { } contexts)
        {
            return null;
        }
        using var db = contexts.CreateDbContext();
        return db.Database.IsNpgsql()
            ? new PostgresEndpointSlotLocks(db.Database.GetConnectionString()!)
            : new FileEndpointSlotLocks(services.GetRequiredService<IOptions<StorageOptions>>().Value.LocksFolderPath);
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context, LlmRole role)
    {
        // Rebuild the pipeline when settings change (the Settings page edits them at run time).
        context.EnableReloads<LlmOptions>();
        var options = context.GetOptions<LlmOptions>();
        var endpoint = options.For(role);
        var server = context.InstanceName;
        var resilience = options.Resilience;
        var health = context.ServiceProvider.GetRequiredService<LlmEndpointHealth>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AutoIF.Core.Llm.Resilience");

        if (resilience.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = resilience.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(resilience.BaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromMilliseconds(resilience.MaxDelayMilliseconds),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    logger.LogInformation("Retrying {Role} call (attempt {Attempt}) in {Delay} ms after {Outcome}",
                        role, args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = resilience.BreakerFailureRatio,
            MinimumThroughput = resilience.BreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(resilience.BreakerSamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(resilience.BreakerBreakSeconds),
            OnOpened = args =>
            {
                var reason = Describe(args.Outcome);
                health.Opened(role, server, args.BreakDuration, reason);
                logger.LogWarning("{Role} endpoint {Server} unavailable after repeated failures ({Reason}); pausing calls to it for {Seconds} s",
                    role, server, reason, (int)args.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                health.HalfOpened(role, server);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                health.Closed(role, server);
                logger.LogInformation("{Role} endpoint {Server} available again", role, server);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(TimeSpan.FromSeconds(endpoint.TimeoutSeconds));
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : $"HTTP {(int?)outcome.Result?.StatusCode}";
}
