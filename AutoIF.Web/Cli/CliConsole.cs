using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Web.Cli;

/// <summary>Terminal output of the CLI: plain lines, and a live progress bar for long work when attached to a terminal.</summary>
public sealed class CliConsole(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    private static bool IsTerminal => !Console.IsOutputRedirected;

    public static void Line(string text) => Console.Out.WriteLine(text);

    /// <summary>Runs <paramref name="work"/> while showing the run's current stage progress, redrawn in place.</summary>
    public async Task<T> WithProgressAsync<T>(int runId, Func<Task<T>> work)
    {
        if (!IsTerminal)
        {
            return await work();
        }
        using var stop = new CancellationTokenSource();
        var drawing = DrawAsync(runId, stop.Token);
        try
        {
            return await work();
        }
        finally
        {
            await stop.CancelAsync();
            await drawing;
            Console.Out.Write("\r" + new string(' ', Math.Max(0, Console.WindowWidth - 1)) + "\r");
        }
    }

    private async Task DrawAsync(int runId, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
                {
                    var current = await db.StageProgress.AsNoTracking().Where(p => p.RunId == runId && !p.Completed)
                        .OrderByDescending(p => p.Stage).FirstOrDefaultAsync(cancellationToken);
                    if (current is not null)
                    {
                        Console.Out.Write("\r" + Bar(current));
                    }
                }
                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Work finished.
        }
    }

    public static string Bar(StageProgress progress)
    {
        const int width = 30;
        var share = progress.Total == 0 ? 0 : Math.Clamp((double)progress.Done / progress.Total, 0, 1);
        var filled = (int)Math.Round(share * width);
        return $"{progress.Stage,-14} [{new string('#', filled)}{new string('.', width - filled)}] {progress.Done}/{progress.Total} {share:P0}   ";
    }
}
