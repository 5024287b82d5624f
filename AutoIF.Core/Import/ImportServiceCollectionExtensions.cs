using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Core.Import;

public static class ImportServiceCollectionExtensions
{
    /// <summary>The run importer (reference files and query pools). Needs storage, <see cref="Pipeline.RunService"/> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddAutoIfImport(this IServiceCollection services)
    {
        services.AddSingleton<RunImporter>();
        return services;
    }
}
