using System.CommandLine;
using System.Globalization;
using AutoIF.Core.Audit;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Pipeline.Estimates;
using AutoIF.Core.Storage;
using AutoIF.Web.UseCases;

namespace AutoIF.Web.Cli;

/// <summary><c>run create|estimate|start|status|cancel|resume|clone|online-round|delete|audit</c>.</summary>
public static class RunCommands
{
    public static Command Build(IServiceProvider services)
    {
        var run = new Command("run", "Create, start, watch, cancel, resume and clone runs.");
        var runs = services.GetRequiredService<RunControl>();

        var name = new Argument<string>("NAME") { Description = "The run's name." };
        var set = CliCommands.SetOption();
        var create = new Command("create", "Create a run (settings default to the paper profile; --set Profile=scripts for the published scripts' rules).") { name, set };
        create.SetAction(async (parse, ct) =>
        {
            var settings = RunSettingsEditor.Apply(new RunSettings(), CliCommands.Settings(parse.GetValue(set)));
            var created = await runs.CreateAsync(parse.GetValue(name)!, settings, cancellationToken: ct);
            CliConsole.Line($"created run '{created.Name}' (#{created.Id})");
            CliConsole.Line("estimate: " + (await runs.EstimateAsync(created.Id, ct)).Summary() + $" (`run estimate {created.Name}` per stage)");
            return 0;
        });
        run.Subcommands.Add(create);

        run.Subcommands.Add(OnNamedRun(runs, "estimate", "Print the model calls and tokens the run is expected to need, per stage, from its settings.", async (target, ct) =>
        {
            PrintEstimate(await runs.EstimateAsync(target.Id, ct));
            return 0;
        }));

        run.Subcommands.Add(StartCommand(services, "start", "Start the run: queue it for the app's job server, or with --wait run it here until it ends."));
        run.Subcommands.Add(StartCommand(services, "resume", "Resume a cancelled, failed or interrupted run where it stopped."));

        run.Subcommands.Add(OnNamedRun(runs, "status", "Print the run's status, stage progress and funnel.", async (target, ct) =>
        {
            await PrintStatusAsync(services, target.Id, ct);
            return 0;
        }));
        run.Subcommands.Add(OnNamedRun(runs, "cancel", "Stop the run at its next batch; its data stays and it can be resumed.", async (target, ct) =>
        {
            await runs.CancelAsync(target.Id, ct);
            CliConsole.Line($"cancelled run '{target.Name}'");
            return 0;
        }));

        var source = new Argument<string>("NAME");
        var newName = new Argument<string>("NEW");
        var cloneSet = CliCommands.SetOption();
        var clone = new Command("clone", "Copy a run's settings (and query pool) into a new draft run, with changes.") { source, newName, cloneSet };
        clone.SetAction(async (parse, ct) =>
        {
            var copy = await runs.CloneAsync(parse.GetValue(source)!, parse.GetValue(newName)!, CliCommands.Settings(parse.GetValue(cloneSet)), ct);
            CliConsole.Line($"created run '{copy.Name}' (#{copy.Id}) from '{parse.GetValue(source)}'");
            return 0;
        });
        run.Subcommands.Add(clone);

        run.Subcommands.Add(OnNamedRun(runs, "online-round", "Sample the policy model again for the run's training prompts, verify, and build round N's DPO pairs.",
            (target, ct) => RunHereAsync(services, target, AuditActions.OnlineRound, orchestrator => orchestrator.ExecuteOnlineRoundAsync(target.Id, ct), ct)));
        run.Subcommands.Add(DeleteCommand(services));
        run.Subcommands.Add(AuditCommand(runs));
        return run;
    }

    /// <summary>A verb with one argument, NAME, acting on the run of that name.</summary>
    private static Command OnNamedRun(RunControl runs, string verb, string description, Func<RunRef, CancellationToken, Task<int>> action)
    {
        var name = new Argument<string>("NAME");
        var command = new Command(verb, description) { name };
        command.SetAction(async (parse, ct) => await action(await runs.GetAsync(parse.GetValue(name)!, ct), ct));
        return command;
    }

    /// <summary><c>run audit NAME|#ID [--page N] [--size N]</c>: who did what to the run, newest first; #ID reads a deleted run's list.</summary>
    private static Command AuditCommand(RunControl runs)
    {
        var name = new Argument<string>("NAME") { Description = "The run's name, or #ID (a deleted run's list stays under its id)." };
        var page = new Option<int>("--page") { Description = "Page number, from 1.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Entries per page (at most 200).", DefaultValueFactory = _ => 50 };
        var command = new Command("audit", "List who created, started, cancelled, imported into, deleted, re-verified or reviewed the run, and its verifier edits, newest first.") { name, page, size };
        command.SetAction(async (parse, ct) =>
        {
            var named = parse.GetValue(name)!;
            if (parse.GetValue(page) < 1)
            {
                throw new ArgumentException($"--page {parse.GetValue(page)}: pages count from 1.");
            }
            var runId = named.StartsWith('#') && int.TryParse(named.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : (await runs.GetAsync(named, ct)).Id;
            var list = await runs.AuditPageAsync(runId, parse.GetValue(page) - 1, parse.GetValue(size), ct);
            CliConsole.Line($"audit of run #{runId}: {list.Total} entr{(list.Total == 1 ? "y" : "ies")}, page {list.Page + 1} of {list.Pages}");
            foreach (var entry in list.Rows)
            {
                CliConsole.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  {entry.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC  {entry.Actor,-20} {entry.Action,-14} {entry.Detail}"));
            }
            return 0;
        });
        return command;
    }

    private static Command DeleteCommand(IServiceProvider services)
    {
        var name = new Argument<string>("NAME");
        var yes = new Option<bool>("--yes") { Description = "Delete without asking (needed when not on a terminal)." };
        var command = new Command("delete", "Delete the run with all its data, its export files and the model calls no other run uses; a running or queued run is refused.") { name, yes };
        command.SetAction(async (parse, ct) =>
        {
            var runs = services.GetRequiredService<RunControl>();
            var target = await runs.GetAsync(parse.GetValue(name)!, ct);
            if (!parse.GetValue(yes))
            {
                // Both ends on a terminal: a piped or redirected command must not hang on a question nobody sees.
                if (Console.IsInputRedirected || Console.IsOutputRedirected)
                {
                    await Console.Error.WriteLineAsync($"autoif: run delete {target.Name}: not on a terminal to confirm; pass --yes to delete without asking");
                    return AutoIfCli.UsageError;
                }
                var preview = await runs.PreviewDeleteAsync(target.Id, ct);
                CliConsole.Line($"This deletes {preview.Describe()}.");
                Console.Out.Write("Type the run's name to confirm: ");
                if (Console.ReadLine()?.Trim() != target.Name)
                {
                    await Console.Error.WriteLineAsync($"autoif: not deleted: the name typed is not '{target.Name}'");
                    return AutoIfCli.Failure;
                }
            }
            CliConsole.Line((await runs.DeleteAsync(target.Id, ct)).Describe());
            return 0;
        });
        return command;
    }

    private static Command StartCommand(IServiceProvider services, string verb, string description)
    {
        var name = new Argument<string>("NAME");
        var wait = new Option<bool>("--wait") { Description = "Run here and block until the run ends (progress bar on a terminal)." };
        var budget = new Option<string?>("--max-model-calls")
        {
            Description = "Set Run:MaxModelCalls first (a number, or none for no limit): a run paused at its budget continues with a higher one.",
        };
        var command = new Command(verb, description) { name, wait, budget };
        command.SetAction(async (parse, ct) =>
        {
            var runs = services.GetRequiredService<RunControl>();
            var target = await runs.GetAsync(parse.GetValue(name)!, ct);
            if (parse.GetValue(budget) is { } raw)
            {
                await runs.SetModelCallBudgetAsync(target.Id, ParseBudget(raw), ct);
            }
            if (!parse.GetValue(wait))
            {
                var jobId = await runs.StartAsync(target.Id, ct);
                CliConsole.Line($"queued run '{target.Name}' as job {jobId}; the app's job server runs it (or use --wait to run it here)");
                return 0;
            }
            return await RunHereAsync(services, target, AuditActions.Start, orchestrator => orchestrator.ExecuteAsync(target.Id, only: null, ct), ct);
        });
        return command;
    }

    private static void PrintEstimate(RunEstimate estimate)
    {
        CliConsole.Line(string.Create(CultureInfo.InvariantCulture, $"  {"stage",-14} {"calls",10} {"prompt tok",12} {"compl. tok",12}  basis"));
        foreach (var stage in estimate.Stages)
        {
            CliConsole.Line(string.Create(CultureInfo.InvariantCulture, $"  {stage.Stage,-14} {stage.Calls,10:N0} {stage.PromptTokens,12:N0} {stage.CompletionTokens,12:N0}  {stage.Basis}"));
        }
        CliConsole.Line(string.Create(CultureInfo.InvariantCulture, $"  {"total",-14} {estimate.Calls,10:N0} {estimate.PromptTokens,12:N0} {estimate.CompletionTokens,12:N0}"));
        CliConsole.Line(estimate.Summary() + "; an upper bound where cached answers, near-duplicates and stored evidence save calls");
    }

    private static int? ParseBudget(string raw) =>
        raw.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= 1 ? max
        : throw new ArgumentException($"--max-model-calls: '{raw}' is not a number of calls (1 or more) or none.");

    /// <summary>
    /// Runs the work in this process with a progress bar. Ctrl+C cancels the run (its data stays), so
    /// <c>run resume</c> continues it later instead of finding it "running".
    /// </summary>
    internal static async Task<int> RunHereAsync(IServiceProvider services, RunRef run, string auditAction, Func<RunOrchestrator, Task<RunStatus>> work, CancellationToken ct)
    {
        var runs = services.GetRequiredService<RunService>();
        var runId = run.Id;
        // Holding the lock makes this process the run's only worker: an interrupted run, or one still queued for a job server, is its now.
        await using var held = await services.GetRequiredService<RunLock>().AcquireAsync(runId, run.Name, TimeSpan.FromSeconds(5), ct);
        await runs.TakeOverAsync(runId, ct);
        await services.GetRequiredService<RunControl>().RecordWorkHereAsync(runId, auditAction, "in the CLI's process", ct);
        var orchestrator = services.GetRequiredService<RunOrchestrator>();
        try
        {
            var result = await services.GetRequiredService<CliConsole>().WithProgressAsync(runId, () => work(orchestrator));
            return await ReportEndAsync(services, runId, result, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await runs.CancelAsync(runId, CancellationToken.None);
            await Console.Error.WriteLineAsync("autoif: interrupted; the run is cancelled and keeps its data: `run resume NAME` continues it");
            return 130;
        }
    }

    internal static async Task<int> ReportEndAsync(IServiceProvider services, int runId, RunStatus result, CancellationToken ct)
    {
        if (result is RunStatus.Completed or RunStatus.Paused)
        {
            await PrintStatusAsync(services, runId, ct);
            return 0;
        }
        var summary = (await services.GetRequiredService<RunControl>().ReportAsync(runId, ct))!.Summary;
        await Console.Error.WriteLineAsync($"autoif: run '{summary.Name}' {result.ToString().ToLowerInvariant()}{(summary.Error is null ? "" : ": " + summary.Error)}");
        return 1;
    }

    internal static async Task PrintStatusAsync(IServiceProvider services, int runId, CancellationToken ct)
    {
        var report = await services.GetRequiredService<RunControl>().ReportAsync(runId, ct)
            ?? throw new ArgumentException($"There is no run #{runId}.");
        var run = report.Summary;
        CliConsole.Line($"run '{run.Name}' (#{run.Id}): {Describe(run.State, run.Name)}{(run.IsDemo ? " · demo data (offline demo model)" : "")}{(run.Error is null ? "" : " · " + run.Error)}");
        CliConsole.Line("  " + report.ProfileSummary);
        foreach (var stage in report.Stages)
        {
            CliConsole.Line($"  {stage.Stage,-14} {(stage.Completed ? "done" : "…"),-5} {stage.Done,8}/{stage.Total,-8} {stage.Message}");
        }
        CliConsole.Line("funnel:");
        foreach (var step in report.Funnel)
        {
            CliConsole.Line(string.Create(CultureInfo.InvariantCulture, $"  {step.Name,-16} {step.Count,9} {step.Unit}"));
            foreach (var drop in step.Dropped)
            {
                CliConsole.Line(string.Create(CultureInfo.InvariantCulture, $"      dropped {drop.Count,7}  {drop.Example}"));
            }
        }
        if (await services.GetRequiredService<Core.Verifiers.ReverificationStore>().ListAsync(runId, ct) is [var last, ..])
        {
            CliConsole.Line($"last re-verification #{last.Id} ({last.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC): {last.State.ToString().ToLowerInvariant()}{(last.Error is null ? "" : " · " + last.Error)}");
            foreach (var line in last.Diff?.SummaryLines() ?? [])
            {
                CliConsole.Line("  " + line);
            }
        }
    }

    private static string Describe(RunState state, string name) => state switch
    {
        RunState.Interrupted => $"interrupted · the process working on it stopped (killed or crashed); `run resume {name}` continues it, and so does a running app's job server within a minute",
        RunState.Queued => $"queued · waiting for the app's job server to take it (`run start {name} --wait` runs it here instead)",
        _ => state.ToString().ToLowerInvariant(),
    };
}
