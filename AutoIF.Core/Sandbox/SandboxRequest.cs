namespace AutoIF.Core.Sandbox;

/// <summary>One caller's request in flight: where the workers put results, and its completion.</summary>
internal sealed class SandboxRequest
{
    /// <summary>Crashed as a verdict kind and Failed as a compile status share this code.</summary>
    public const int FailureCode = 5;

    private readonly RawResult[] _results;
    private readonly TaskCompletionSource<RawResult[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IProgress<int>? _progress;
    private int _remaining;
    private int _done;

    public SandboxRequest(int count, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        _results = new RawResult[count];
        _remaining = count;
        _progress = progress;
        CancellationToken = cancellationToken;
        if (count == 0)
        {
            _completion.TrySetResult(_results);
        }
    }

    public CancellationToken CancellationToken { get; }

    public Task<RawResult[]> Completion => _completion.Task;

    public bool IsFinished => _completion.Task.IsCompleted;

    /// <summary>Stores the result of one slot; each slot is set exactly once.</summary>
    public void Set(int slot, int code, string? detail)
    {
        _results[slot] = new RawResult(code, detail);
        var done = Interlocked.Increment(ref _done);
        var finished = Interlocked.Decrement(ref _remaining) == 0;
        if (_progress is not null && (finished || (done & 255) == 0))
        {
            _progress.Report(done);
        }
        if (finished)
        {
            _completion.TrySetResult(_results);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
