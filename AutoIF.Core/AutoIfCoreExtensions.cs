using AutoIF.Core.Export;
using AutoIF.Core.Import;
using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Rewards;
using AutoIF.Core.Sandbox;
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
        // The one clock of the app: stages, the LLM gateway's retries, pages' polling; tests put their own in its place.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAutoIfStorage(builder.Configuration);
        builder.Services.AddSingleton<SeedCatalog>();
        builder.Services.AddSingleton<RunService>();
        builder.Services.AddVerifierSandbox();
        builder.Services.AddLlmGateway();
        builder.Services.AddAutoIfImport();
        builder.Services.AddAutoIfPipeline();
        builder.Services.AddSingleton<DatasetExporter>();
        builder.Services.AddSingleton<ExportHistory>();
        builder.Services.AddSingleton<ExportToFile>();
        builder.Services.AddSingleton<BenchmarkUploads>();
        builder.Services.AddSingleton<ExportJobStore>();
        builder.Services.AddSingleton<ExportJobRunner>();
        builder.Services.AddValidatedOptions<ExportsOptions>(ExportsOptions.Section);
        builder.Services.AddSingleton<ExportRetention>();
        builder.Services.AddSingleton<RunDeleter>();
        builder.Services.AddRewardService();
        return builder;
    }
}
