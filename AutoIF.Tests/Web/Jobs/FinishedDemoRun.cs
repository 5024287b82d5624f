using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>A small run of the offline demo model, run to its end in the app's own services.</summary>
internal static class FinishedDemoRun
{
    public static async Task<Run> CreateAsync(IServiceProvider services, string name, params (string Key, string Value)[] settings)
    {
        var runs = services.GetRequiredService<RunService>();
        var run = await runs.CreateAsync(name, RunSettingsEditor.Apply(new RunSettings(),
            [new("Augment:Rounds", "1"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "2"), .. settings.Select(s => KeyValuePair.Create(s.Key, s.Value))]));
        await runs.MarkQueuedAsync(run.Id);
        var status = await services.GetRequiredService<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None);
        Assert.True(status == RunStatus.Completed, $"The demo run ended {status}: {(await runs.FindAsync(run.Id))?.Error}");
        return run;
    }
}
