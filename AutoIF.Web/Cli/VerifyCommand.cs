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
        var reverify = new Option<bool>("--reverify") { Description = "Run the verifiers' current versions again on the stored cases and responses and recompute what follows (no resampling); prints the diff." };
        var instruction = new Option<int?>("--instruction") { Description = "With --reverify: only this instruction." };
        var command = new Command("verify", "Compile, cross-validate and verify a run's functions and responses in the sandbox, and build DPO pairs, up to the first stage that calls a model (the run is then paused). Calls no model.") { run, reverify, instruction };
        command.SetAction(async (parse, ct) =>
        {
            var target = await services.GetRequiredService<RunControl>().GetAsync(parse.GetValue(run)!, ct);
            if (parse.GetValue(reverify))
            {
                return await ReverifyCommand.RunAsync(services, target, parse.GetValue(instruction), ct);
            }
            if (parse.GetValue(instruction) is not null)
            {
                throw new ArgumentException("--instruction goes with --reverify.");
            }
            return await RunCommands.RunHereAsync(services, target, Core.Audit.AuditActions.Verify, orchestrator => orchestrator.ExecuteAsync(target.Id, NonLlmStages, ct), ct);
        });
        return command;
    }
}
