using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Llm;

/// <summary>The call cache in the app database (<c>LlmCalls</c>, unique on <c>RequestHash</c>).</summary>
public sealed class EfLlmCallStore(IDbContextFactory<AutoIfDbContext> contextFactory) : ILlmCallStore
{
    public async Task<LlmCall?> FindByHashAsync(string requestHash, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.LlmCalls.AsNoTracking().FirstOrDefaultAsync(c => c.RequestHash == requestHash, cancellationToken);
    }

    public async Task<long> SaveAsync(LlmCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.LlmCalls.FirstOrDefaultAsync(c => c.RequestHash == call.RequestHash, cancellationToken);
        if (existing is not null)
        {
            return await ReplaceAsync(db, existing, call, cancellationToken);
        }
        db.LlmCalls.Add(call);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return call.Id;
        }
        catch (DbUpdateException)
        {
            // Another worker stored the same request first (unique index); keep theirs unless it is a failure.
            await using var retry = await contextFactory.CreateDbContextAsync(cancellationToken);
            var winner = await retry.LlmCalls.FirstOrDefaultAsync(c => c.RequestHash == call.RequestHash, cancellationToken);
            if (winner is null)
            {
                throw;
            }
            return await ReplaceAsync(retry, winner, call, cancellationToken);
        }
    }

    public async Task MarkParseFailedAsync(long callId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.LlmCalls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ParseFailed, true), cancellationToken);
    }

    public async Task<IReadOnlyList<LlmUsageRow>> UsageAsync(int? runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calls = db.LlmCalls.AsNoTracking();
        if (runId is not null)
        {
            calls = calls.Where(c => c.RunId == runId);
        }
        var rows = await calls
            .GroupBy(c => new { c.RunId, c.Stage, c.Role })
            .Select(g => new
            {
                g.Key.RunId,
                g.Key.Stage,
                g.Key.Role,
                Calls = g.Count(),
                Errors = g.Count(c => c.Error != null),
                ParseFailures = g.Count(c => c.ParseFailed),
                PromptTokens = g.Sum(c => (long)(c.PromptTokens ?? 0)),
                CompletionTokens = g.Sum(c => (long)(c.CompletionTokens ?? 0)),
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new LlmUsageRow(r.RunId, r.Stage, r.Role, r.Calls, r.Errors, r.ParseFailures, r.PromptTokens, r.CompletionTokens))
            .OrderBy(r => r.RunId).ThenBy(r => r.Stage).ThenBy(r => r.Role)];
    }

    // A stored success is never overwritten (it is the cache); a stored failure is replaced by the newer attempt.
    private static async Task<long> ReplaceAsync(AutoIfDbContext db, LlmCall existing, LlmCall call, CancellationToken cancellationToken)
    {
        if (existing.Error is null && existing.Completion is not null)
        {
            return existing.Id;
        }
        existing.Completion = call.Completion;
        existing.FinishReason = call.FinishReason;
        existing.PromptTokens = call.PromptTokens;
        existing.CompletionTokens = call.CompletionTokens;
        existing.LatencyMs = call.LatencyMs;
        existing.Error = call.Error;
        existing.ParseFailed = call.ParseFailed;
        await db.SaveChangesAsync(cancellationToken);
        return existing.Id;
    }
}
