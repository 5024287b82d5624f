using System.Collections.Concurrent;
using AutoIF.Core.Llm;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Adds a template to <c>Run.TemplatesJson</c> the first time one of the run's calls sends it (from the cache or not: a
/// cached answer was made from the same text), so the run's record names exactly the templates its data came from.
/// One database write per run and template; the in-process set only saves asking again, the database holds the truth.
/// </summary>
public sealed class RunTemplateRecorder(IDbContextFactory<AutoIfDbContext> contextFactory) : IDisposable
{
    private readonly ConcurrentDictionary<(int RunId, string Name, string Hash), bool> _recorded = new();
    // Writes are read-merge-write of one JSON value; they are few (a handful per run), so one at a time is enough.
    private readonly SemaphoreSlim _write = new(1, 1);

    public async Task RecordAsync(int runId, PromptTemplate template, CancellationToken cancellationToken)
    {
        var key = (runId, template.Name, template.Hash);
        if (_recorded.ContainsKey(key))
        {
            return;
        }
        await _write.WaitAsync(cancellationToken);
        try
        {
            if (_recorded.ContainsKey(key))
            {
                return;
            }
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var json = await db.Runs.Where(r => r.Id == runId).Select(r => r.TemplatesJson).SingleAsync(cancellationToken);
            var updated = TemplateManifest.With(json, template);
            if (!ReferenceEquals(updated, json))
            {
                await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.TemplatesJson, updated), cancellationToken);
            }
            _recorded[key] = true;
        }
        finally
        {
            _write.Release();
        }
    }

    public void Dispose() => _write.Dispose();
}
