using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>Row counts of every table a run writes, to show that doing something again added nothing.</summary>
internal sealed record TableCounts(
    int Instructions, int Verifiers, int TestCases, int CaseResults, int BackTranslations, int Queries, int Prompts, int Responses, int Verdicts, int Pairs, int LlmCalls)
{
    public static async Task<TableCounts> ReadAsync(AutoIfDbContext db)
    {
        await using (db)
        {
            return new TableCounts(
                await db.Instructions.CountAsync(), await db.Verifiers.CountAsync(), await db.TestCases.CountAsync(), await db.CaseResults.CountAsync(),
                await db.BackTranslations.CountAsync(), await db.Queries.CountAsync(), await db.ComposedPrompts.CountAsync(), await db.Responses.CountAsync(),
                await db.Verdicts.CountAsync(), await db.DpoPairs.CountAsync(), await db.LlmCalls.CountAsync());
        }
    }
}
