using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>
/// Pass rate and yield by difficulty k (constraints per prompt, decision 024), counted in SQL: a prompt's k is one plus
/// its <c>PromptConstraints</c> rows, so a run made before several constraints existed is all k = 1. A response counted
/// once as another's duplicate is left out, as everywhere the pass rate is shown. Two grouped statements in SQL (EF
/// cannot group by a left-joined count); the kept rule is <see cref="EffectiveStatus.Sql"/>, the pipeline's own.
/// </summary>
public sealed class DifficultyQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<IReadOnlyList<DifficultyRow>> ByConstraintsAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var names = new SqlNames(db);
        var constraintPrompt = names.Column((PromptConstraint c) => c.PromptId);
        // Each prompt's further constraints; the run id is parameter {0} of both statements.
        var furtherConstraints = $"""
            LEFT JOIN (SELECT {constraintPrompt}, COUNT(*) AS "N" FROM {names.Table<PromptConstraint>()} WHERE {names.Column((PromptConstraint c) => c.RunId)} = {"{0}"} GROUP BY {constraintPrompt}) AS c
            """;
        // Only names from the model, constants and enum values are spliced in; the run id is a parameter.
        var promptSql = $"""
            SELECT 1 + COALESCE(c."N", 0) AS "K", COUNT(*) AS "Prompts"
            FROM {names.Table<ComposedPrompt>()} AS p
            {furtherConstraints} ON c.{constraintPrompt} = p.{names.Column((ComposedPrompt p) => p.Id)}
            WHERE p.{names.Column((ComposedPrompt p) => p.RunId)} = {"{0}"} AND p.{names.Column((ComposedPrompt p) => p.Round)} = 0
            GROUP BY 1 + COALESCE(c."N", 0)
            """;
        var accuracy = names.Column((Response r) => r.Accuracy);
        var responseSql = $"""
            SELECT 1 + COALESCE(c."N", 0) AS "K",
                   COUNT(*) AS "Responses",
                   SUM(CASE WHEN r.{accuracy} IS NOT NULL THEN 1 ELSE 0 END) AS "Verified",
                   SUM(CASE WHEN r.{accuracy} IS NOT NULL AND NOT (r.{names.Column((Response r) => r.Status)} = {(int)ItemStatus.Dropped} AND COALESCE(r.{names.Column((Response r) => r.DropStage)}, -1) = {(int)PipelineStage.Verify}) THEN 1 ELSE 0 END) AS "Passed",
                   SUM(CASE WHEN {names.EffectiveStatus<Response>("r")} = {(int)ItemStatus.Kept} THEN 1 ELSE 0 END) AS "Kept"
            FROM {names.Table<Response>()} AS r
            {furtherConstraints} ON c.{constraintPrompt} = r.{names.Column((Response r) => r.PromptId)}
            WHERE r.{names.Column((Response r) => r.RunId)} = {"{0}"} AND r.{names.Column((Response r) => r.Round)} = 0 AND r.{names.Column((Response r) => r.DuplicateOfId)} IS NULL
            GROUP BY 1 + COALESCE(c."N", 0)
            """;
        var prompts = await db.Database.SqlQueryRaw<DifficultyPromptCount>(promptSql, runId).ToListAsync(cancellationToken);
        var responses = await db.Database.SqlQueryRaw<DifficultyResponseCounts>(responseSql, runId).ToListAsync(cancellationToken);
        var byK = responses.ToDictionary(r => r.K);
        return [.. prompts.Select(p => p.K).Union(byK.Keys).Order().Select(k =>
        {
            var counts = byK.GetValueOrDefault(k);
            return new DifficultyRow((int)k, prompts.Where(p => p.K == k).Sum(p => p.Prompts), counts?.Responses ?? 0, counts?.Verified ?? 0, counts?.Passed ?? 0, counts?.Kept ?? 0);
        })];
    }
}
