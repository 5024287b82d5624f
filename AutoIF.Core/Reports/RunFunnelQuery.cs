using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>
/// The exact funnel of a run, counted in SQL from the items' status and drop stage: generated → compiled →
/// cross-validated → consistent → composed → sampled → verified → judged → exported. A human decision overrides the
/// filter's: an approved item counts as kept; a rejected item the filter kept counts as dropped, at the last step of its
/// kind, for <see cref="DropReasons.RejectedByReviewer"/>.
/// </summary>
public sealed class RunFunnelQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public static string RejectedByReviewer => DropReasons.RejectedByReviewer.Template;

    public async Task<IReadOnlyList<FunnelStep>> ExecuteAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var instructionDrops = await EffectiveDropsAsync(db.Instructions.Where(i => i.RunId == runId), PipelineStage.Consistency, cancellationToken);
        var responseDrops = await EffectiveDropsAsync(db.Responses.Where(r => r.RunId == runId && r.Round == 0), PipelineStage.Judge, cancellationToken);
        var queryDrops = await db.Queries.Where(q => q.RunId == runId && q.Status == ItemStatus.Dropped)
            .GroupBy(q => new { q.DropReasonCode, q.DropReasonArgs, Text = q.DropReasonCode == null ? q.DropReason : null })
            .Select(g => new DropRow(PipelineStage.Queries, g.Key.DropReasonCode, g.Key.DropReasonArgs, g.Key.Text, g.Count())).ToListAsync(cancellationToken);

        var generated = await db.Instructions.LongCountAsync(i => i.RunId == runId, cancellationToken);
        var prompts = await db.ComposedPrompts.LongCountAsync(p => p.RunId == runId && p.Round == 0, cancellationToken);
        var sampled = await db.Responses.LongCountAsync(r => r.RunId == runId && r.Round == 0, cancellationToken);
        // The latest export, not a sum: exporting again (or as SFT and DPO) must not inflate the funnel.
        var exported = await db.ExportRecords.Where(e => e.RunId == runId).OrderByDescending(e => e.Id).Select(e => (long?)e.Rows).FirstOrDefaultAsync(cancellationToken) ?? 0;

        long Alive(params PipelineStage[] through) => generated - instructionDrops.Where(d => d.Stage is { } s && through.Contains(s)).Sum(d => d.Count);
        var early = new[] { PipelineStage.Seeds, PipelineStage.Augment, PipelineStage.Verifiers, PipelineStage.Compile };
        var cross = early.Append(PipelineStage.CrossValidate).ToArray();
        var consistent = cross.Append(PipelineStage.BackTranslate).Append(PipelineStage.Consistency).ToArray();
        return
        [
            new("generated", "instructions", generated, Group(instructionDrops, PipelineStage.Seeds, PipelineStage.Augment)),
            new("compiled", "instructions", Alive(early), Group(instructionDrops, PipelineStage.Verifiers, PipelineStage.Compile)),
            new("cross-validated", "instructions", Alive(cross), Group(instructionDrops, PipelineStage.CrossValidate)),
            new("consistent", "instructions", Alive(consistent), Group(instructionDrops, PipelineStage.BackTranslate, PipelineStage.Consistency)),
            new("composed", "prompts", prompts, Group(queryDrops, PipelineStage.Queries)),
            new("sampled", "responses", sampled, []),
            new("verified", "responses", sampled - responseDrops.Where(d => d.Stage == PipelineStage.Verify).Sum(d => d.Count), Group(responseDrops, PipelineStage.Verify)),
            new("judged", "responses", sampled - responseDrops.Where(d => d.Stage is PipelineStage.Verify or PipelineStage.Judge).Sum(d => d.Count), Group(responseDrops, PipelineStage.Judge)),
            new("exported", "rows", exported, []),
        ];
    }

    /// <summary>
    /// The items the effective status drops, counted by stage and reason: the filter's, or for an item the filter kept and
    /// a reviewer rejected, <paramref name="rejectedAt"/> (the last step of its kind) and the rejection. Grouped in SQL by
    /// code and arguments (the text only where no code was recorded: a row the upgrade has not read).
    /// </summary>
    private static Task<List<DropRow>> EffectiveDropsAsync<T>(IQueryable<T> items, PipelineStage rejectedAt, CancellationToken cancellationToken)
        where T : class, IReviewedItem
    {
        var rejected = DropReasons.RejectedByReviewer.Code;
        return items.Where(EffectiveStatus.Is<T>(ItemStatus.Dropped))
            .Select(i => new
            {
                Stage = i.Status == ItemStatus.Dropped ? i.DropStage : rejectedAt,
                Code = i.Status == ItemStatus.Dropped ? i.DropReasonCode : rejected,
                Args = i.Status == ItemStatus.Dropped ? i.DropReasonArgs : null,
                Text = i.Status == ItemStatus.Dropped && i.DropReasonCode == null ? i.DropReason : null,
            })
            .GroupBy(i => new { i.Stage, i.Code, i.Args, i.Text }).Select(g => new DropRow(g.Key.Stage, g.Key.Code, g.Key.Args, g.Key.Text, g.Count()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One group per code and label: the label is the code's template with quoted arguments as "…" and numbers as N
    /// (<see cref="DropReasonCode.Label"/>), so "only 2 of 5" and "only 1 of 5" count together; the example is a rendered text.
    /// </summary>
    private static IReadOnlyList<DropCount> Group(IEnumerable<DropRow> rows, params PipelineStage[] stages) =>
        rows.Where(r => r.Stage is { } s && stages.Contains(s))
            .Select(r => (Row: r, Reason: DropReasons.Read(r.Code, r.Args, r.Text)))
            .GroupBy(x => x.Reason is { } reason ? (reason.Code, reason.Label) : ("", NoReason))
            .Select(g => new DropCount(g.Key.Item2, g.Sum(x => x.Row.Count), g.First().Reason?.Text ?? ""))
            .OrderByDescending(d => d.Count).ThenBy(d => d.Reason, StringComparer.Ordinal)
            .ToList();

    private const string NoReason = "(no reason recorded)";

    private sealed record DropRow(PipelineStage? Stage, string? Code, string? Args, string? Text, long Count);
}
