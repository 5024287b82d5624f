using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using AutoIF.Web.UseCases;

namespace AutoIF.Web.Cli;

/// <summary><c>verify --run NAME --reverify [--instruction ID]</c>: re-verification here, under the run's lock, then its diff.</summary>
internal static class ReverifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, RunRef run, int? instructionId, CancellationToken ct)
    {
        await using var held = await services.GetRequiredService<RunLock>().AcquireAsync(run.Id, run.Name, TimeSpan.FromSeconds(5), ct);
        var store = services.GetRequiredService<ReverificationStore>();
        var id = await store.CreateAsync(run.Id, instructionId, ct);
        await services.GetRequiredService<RunControl>().RecordWorkHereAsync(run.Id, Core.Audit.AuditActions.Reverify,
            $"re-verification #{id}{(instructionId is { } one ? $" of instruction #{one}" : "")} in the CLI's process", ct);
        var diff = await services.GetRequiredService<CliConsole>().WithProgressAsync(run.Id,
            () => services.GetRequiredService<Reverifier>().ExecuteAsync(id, ct));
        CliConsole.Line($"re-verified run '{run.Name}'{(instructionId is { } only ? $" (instruction {only})" : "")} as re-verification #{id}:");
        foreach (var line in diff.SummaryLines())
        {
            CliConsole.Line("  " + line);
        }
        return 0;
    }
}
