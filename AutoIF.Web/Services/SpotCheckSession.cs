using AutoIF.Core.Domain;
using AutoIF.Core.Reviews;

namespace AutoIF.Web.Services;

/// <summary>A reviewer's pass through a spot-check queue: the queue, the position, the current item and the last decision.</summary>
public sealed class SpotCheckSession(SpotCheckQueue queue, ReviewService reviews, Teams.CurrentReviewer reviewer)
{
    private IReadOnlyList<long> _ids = [];

    public SpotCheckQueueRequest? Request { get; private set; }

    public int Position { get; private set; }

    public int Count => _ids.Count;

    public int Decided { get; private set; }

    public SpotCheckItem? Current { get; private set; }

    public bool Finished => Request is not null && Position >= _ids.Count;

    public string? Error { get; private set; }

    public string? LastAction { get; private set; }

    public async Task StartAsync(SpotCheckQueueRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            // A second look is by someone else than the first: the queue leaves out what this reviewer decided.
            Request = request with { Reviewer = await reviewer.NameAsync() ?? reviews.ReviewerName };
            _ids = await queue.BuildAsync(Request, cancellationToken);
            Position = 0;
            Decided = 0;
            LastAction = null;
            Error = null;
            await LoadCurrentAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = $"Could not build the queue: {ex.Message}";
        }
    }

    /// <summary>Records approve or reject on the current item, then moves on.</summary>
    public async Task DecideAsync(ReviewState decision, string? note, CancellationToken cancellationToken = default)
    {
        if (Current is not { } item)
        {
            return;
        }
        try
        {
            await reviews.RecordAsync(new ReviewDecision(item.Target, item.Id, decision, note, await reviewer.NameAsync()), cancellationToken);
            Decided++;
            LastAction = $"{(decision == ReviewState.Approved ? "Approved" : "Rejected")} {item.Target.ToString().ToLowerInvariant()} #{item.Id}";
            Error = null;
            await NextAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            Error = $"Could not record the decision: {ex.Message}";
        }
    }

    public async Task NextAsync(CancellationToken cancellationToken = default)
    {
        if (Position < _ids.Count)
        {
            Position++;
        }
        await LoadCurrentAsync(cancellationToken);
    }

    public async Task PreviousAsync(CancellationToken cancellationToken = default)
    {
        if (Position > 0)
        {
            Position--;
        }
        await LoadCurrentAsync(cancellationToken);
    }

    private async Task LoadCurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            Current = Request is { } request && Position < _ids.Count ? await queue.ItemAsync(request.Target, _ids[Position], cancellationToken) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Current = null;
            Error = $"Could not load the item: {ex.Message}";
        }
    }
}
