using System.CommandLine;
using AutoIF.Web.Jobs;

namespace AutoIF.Web.Cli;

/// <summary><c>worker [--queues Q,…] [--workers N] [--urls URL]</c>: a job server without pages (<see cref="WorkerProcess"/>).</summary>
public static class WorkerCommand
{
    public static Command Build(IServiceProvider services)
    {
        var queues = new Option<string?>("--queues")
        {
            Description = $"The job queues this worker takes, comma-separated, in order of priority (default all: {string.Join(",", JobQueues.All)}); "
                + "a worker taking exports writes them to Storage:ExportsFolder, which must be the folder the app serves.",
        };
        var workers = new Option<int?>("--workers") { Description = "Jobs run at once (default: the machine's cores, at least 2)." };
        var urls = new Option<string?>("--urls")
        {
            Description = "Where /health and /health/live answer (default http://127.0.0.1:0: a free port, printed at start).",
        };
        var command = new Command("worker", "Runs jobs (runs, re-verifications, exports) from the shared job storage, with no pages; stops on Ctrl+C or SIGTERM.")
        {
            queues, workers, urls,
        };
        command.SetAction((parse, cancellationToken) => WorkerProcess.RunAsync(
            services.GetRequiredService<IConfiguration>(),
            ParseQueues(parse.GetValue(queues)),
            parse.GetValue(workers) is { } count ? (count >= 1 ? count : throw new ArgumentException($"--workers must be at least 1, got {count}.")) : null,
            parse.GetValue(urls) ?? "http://127.0.0.1:0",
            cancellationToken));
        return command;
    }

    private static IReadOnlyList<string> ParseQueues(string? value)
    {
        if (value is null)
        {
            return JobQueues.All;
        }
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException("--queues names no queue.");
        }
        foreach (var name in names)
        {
            if (!JobQueues.All.Contains(name))
            {
                throw new ArgumentException($"--queues: there is no queue '{name}'; the queues are {string.Join(", ", JobQueues.All)}.");
            }
        }
        return names.Distinct().ToList();
    }
}
