using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// Every table a run writes, as sorted lists of rows keyed by natural keys (texts and sample indexes, never ids or
/// timestamps), so two data folders can be compared row by row. Lists, not sets: a duplicate row shows as a difference.
/// </summary>
internal sealed record RunSnapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Tables)
{
    public static async Task<RunSnapshot> ReadAsync(string dataFolder)
    {
        var path = Path.Combine(dataFolder, "autoif.db");
        var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly;Pooling=False").Options;
        await using var db = new SqliteAutoIfDbContext(options);
        var snapshot = await ReadAsync(db);
        SqliteConnection.ClearAllPools();
        return snapshot;
    }

    /// <summary>The tables of the database <paramref name="db"/> reads (e.g. a PostgreSQL one).</summary>
    public static async Task<RunSnapshot> ReadAsync(AutoIfDbContext db)
    {
        var instructions = await db.Instructions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Text);
        var verifiers = await db.Verifiers.AsNoTracking().ToDictionaryAsync(v => v.Id);
        var cases = await db.TestCases.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var queries = await db.Queries.AsNoTracking().ToDictionaryAsync(q => q.Id);
        var prompts = await db.ComposedPrompts.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var responses = await db.Responses.AsNoTracking().ToDictionaryAsync(r => r.Id);
        string Source(int? id) => id is { } v ? verifiers[v].Source : "-";
        string ResponseKey(long? id) => id is { } r ? $"{prompts[responses[r].PromptId].Text}#{responses[r].SampleIndex}" : "-";

        var tables = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Runs"] = Rows(await db.Runs.AsNoTracking().Select(r => new { r.Name, r.Status, r.Error, r.IsDemo, r.OnlineRounds }).ToListAsync(), r => $"{r.Name}|{r.Status}|{r.Error}|{r.IsDemo}|{r.OnlineRounds}"),
            // Messages are left out: some report timings (the Verify stage says where its time went).
            ["StageProgress"] = Rows(await db.StageProgress.AsNoTracking().ToListAsync(), p => $"{p.Stage}|{p.Completed}|{p.Done}/{p.Total}"),
            ["Instructions"] = Rows(await db.Instructions.AsNoTracking().ToListAsync(), i => $"{i.Text}|{i.Origin}|{i.Status}|{i.DropStage}|{i.DropReason}|{Number(i.PassRate)}"),
            ["Verifiers"] = Rows(verifiers.Values, v => $"{instructions[v.InstructionId]}|{v.Source}|{v.SampleIndex}|{v.CompileStatus}|{v.Status}|{Number(v.CaseAccuracy)}|{v.DropReason}"),
            ["TestCases"] = Rows(cases.Values, c => $"{instructions[c.InstructionId]}|{c.Input}|{c.Expected}|{Number(c.Agreement)}|{c.Status}|{c.DropReason}|{Source(c.VerifierId)}"),
            ["CaseResults"] = Rows(await db.CaseResults.AsNoTracking().ToListAsync(), r => $"{Source(r.VerifierId)}|{instructions[cases[r.TestCaseId].InstructionId]}|{cases[r.TestCaseId].Input}|{r.Verdict}|{r.Detail}"),
            ["BackTranslations"] = Rows(await db.BackTranslations.AsNoTracking().ToListAsync(), b => $"{instructions[b.InstructionId]}|{Source(b.VerifierId)}|{b.Text}|{b.Label}"),
            ["Queries"] = Rows(queries.Values, q => $"{q.Text}|{q.Source}|{q.Status}|{q.DropReason}"),
            ["Prompts"] = Rows(prompts.Values, p => $"{instructions[p.InstructionId]}|{(p.QueryId is { } q ? queries[q].Text : "-")}|{p.Text}|{p.Round}"),
            ["Responses"] = Rows(responses.Values, r => $"{ResponseKey(r.Id)}|{r.Origin}|{r.Round}|{r.Text}|{r.Reasoning}|{Number(r.Accuracy)}|{r.JudgeScore}|{r.JudgeRationale}|{r.Status}|{r.DropStage}|{r.DropReason}"),
            ["Verdicts"] = Rows(await db.Verdicts.AsNoTracking().ToListAsync(), v => $"{ResponseKey(v.ResponseId)}|{Source(v.VerifierId)}|{v.Kind}|{v.Detail}"),
            ["DpoPairs"] = Rows(await db.DpoPairs.AsNoTracking().ToListAsync(), p =>
                $"{p.Level}|{p.Round}|{instructions[p.InstructionId]}|{ResponseKey(p.ChosenResponseId)}|{ResponseKey(p.RejectedResponseId)}|" +
                $"{(p.ChosenCaseId is { } c ? cases[c].Input : "-")}|{(p.RejectedCaseId is { } x ? cases[x].Input : "-")}|{Number(p.ChosenAccuracy)}|{Number(p.RejectedAccuracy)}"),
            ["LlmCalls"] = Rows(await db.LlmCalls.AsNoTracking().Where(c => c.Error == null).ToListAsync(), c => $"{c.RequestHash}|{c.Completion}"),
        };
        return new RunSnapshot(tables);
    }

    private static List<string> Rows<T>(IEnumerable<T> rows, Func<T, string> key) => rows.Select(key).Order(StringComparer.Ordinal).ToList();

    private static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "null";
}
