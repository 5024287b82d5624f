using System.Diagnostics;

namespace AutoIF.Bench;

/// <summary>Samples the working set and managed heap every 20 ms on a background task and keeps the maxima.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(long WorkingSet, long Managed)> _sampling;

    public MemorySampler()
    {
        _sampling = Task.Run(async () =>
        {
            long workingSet = 0;
            long managed = 0;
            using var process = Process.GetCurrentProcess();
            while (true)
            {
                process.Refresh();
                workingSet = Math.Max(workingSet, process.WorkingSet64);
                managed = Math.Max(managed, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return (workingSet, managed);
                }
            }
        });
    }

    public async Task<(long WorkingSet, long Managed)> StopAsync()
    {
        await _stop.CancelAsync();
        return await _sampling;
    }

    public void Dispose() => _stop.Dispose();
}
