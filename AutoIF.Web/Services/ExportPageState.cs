using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Reports;
using AutoIF.Web.Jobs;

namespace AutoIF.Web.Services;

/// <summary>
/// The Export page's state for one circuit: the form's parameters, the runs to choose from, the exports listed with their
/// progress, and a staged benchmark upload. The page and its parts render this and call it; it holds no component.
/// </summary>
public sealed class ExportPageState(RunSummaryQuery summaries, ExportScheduler scheduler, ExportJobStore store, BenchmarkUploads uploads) : IDisposable
{
    public ExportParameters Parameters { get; } = new();

    public IReadOnlyList<RunSummary>? Runs { get; private set; }

    /// <summary>The newest exports, whoever started them.</summary>
    public IReadOnlyList<ExportJobView> Exports { get; private set; } = [];

    /// <summary>The export started last from this page, shown above the list.</summary>
    public ExportJobView? Started => _startedId is { } id ? Exports.FirstOrDefault(e => e.Id == id) : null;

    public string? FormError { get; private set; }

    /// <summary>The uploaded benchmark's name as the user's file was called; null when none is staged.</summary>
    public string? BenchmarkName { get; private set; }

    public bool AnyUnfinished => Exports.Any(e => e.State is ExportJobState.Queued or ExportJobState.Running);

    /// <summary>The same export streamed by <c>/api/export</c>, when it can be (one file, no benchmark upload).</summary>
    public string? DirectLink => Parameters.Runs.Count > 0 && !Parameters.Bundle && Parameters.Benchmark is null
        ? $"/api/export?{Parameters.ToQueryString()}"
        : null;

    private int? _startedId;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        Runs = await summaries.ListAsync(cancellationToken: cancellationToken);
        if (Runs.Count > 0 && Parameters.Runs.Count == 0)
        {
            Parameters.Runs = [Runs[0].Name];
        }
        await RefreshAsync(cancellationToken);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default) => Exports = await store.ListAsync(cancellationToken: cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // The job removes its benchmark when it ends, so it gets a copy: the form keeps the upload for the next export
        // (another format, split or run against the same benchmark).
        var staged = Parameters.Benchmark;
        if (staged is not null)
        {
            Parameters.Benchmark = await uploads.CopyAsync(staged, cancellationToken);
        }
        try
        {
            _startedId = await scheduler.StartAsync(Parameters, cancellationToken);
            FormError = null;
        }
        catch (ArgumentException ex)
        {
            uploads.Discard(Parameters.Benchmark);
            FormError = ex.Message;
        }
        finally
        {
            Parameters.Benchmark = staged;
        }
        await RefreshAsync(cancellationToken);
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await scheduler.DeleteAsync(id, cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    public async Task StageBenchmarkAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        uploads.Discard(Parameters.Benchmark);
        Parameters.Benchmark = await uploads.StageAsync(content, fileName, cancellationToken);
        BenchmarkName = fileName;
    }

    /// <summary>The page's upload is removed with the circuit; the exports started from it have their own copies.</summary>
    public void Dispose() => uploads.Discard(Parameters.Benchmark);
}
