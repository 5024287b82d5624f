using AutoIF.Core.Pipeline;
using AutoIF.Core.Pipeline.Stages;
using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoIF.Core;

public static class AutoIfCoreExtensions
{
    /// <summary>Everything that is not web: storage, seeds, sandbox, LLM gateway and pipeline stages.</summary>
    public static IHostApplicationBuilder AddAutoIfCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAutoIfStorage(builder.Configuration);
        builder.Services.AddSingleton<SeedCatalog>();
        builder.Services.AddSingleton<RunService>();
        builder.Services.AddSingleton<StageProgressReporter>();
        builder.Services.AddTransient<RunOrchestrator>();
        builder.Services.AddTransient<IRunStage, SeedsStage>();
        return builder;
    }
}
