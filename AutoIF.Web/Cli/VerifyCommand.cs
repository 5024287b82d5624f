using System.CommandLine;
using AutoIF.Core.Domain;
using AutoIF.Web.UseCases;

namespace AutoIF.Web.Cli;

/// <summary><c>verify --run NAME</c>: the stages that need no model (compile, cross-validate, verify, pairs) that the run's data still needs.</summary>
public static class VerifyCommand
{
    private static readonly HashSet<PipelineStage> NonLlmStages = [PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.Verify, PipelineStage.Pairs];

    public static Command Build(IServiceProvider services)
    {
        var run = new Option<string>("--run") { Required = true, Description = "The run whose imported or generated data to verify." };
        var command = new Command("verify", "Compile, cross-validate and verify a run's functions and responses in the sandbox, and build DPO pairs, up to the first stage that calls a model (the run is then paused). Calls no model.") { run };
        command.SetAction(async (parse, ct) =>
        {
            var target = await services.GetRequiredService<RunControl>().GetAsync(parse.GetValue(run)!, ct);
            return await RunCommands.RunHereAsync(services, target, orchestrator => orchestrator.ExecuteAsync(target.Id, NonLlmStages, ct), ct);
        });
        return command;
    }
}
