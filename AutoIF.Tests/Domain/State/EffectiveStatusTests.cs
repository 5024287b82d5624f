using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Domain.State;

public class EffectiveStatusTests
{
    public static TheoryData<ItemStatus, ReviewState, ItemStatus> Table => new()
    {
        { ItemStatus.Pending, ReviewState.None, ItemStatus.Pending },
        { ItemStatus.Kept, ReviewState.None, ItemStatus.Kept },
        { ItemStatus.Dropped, ReviewState.None, ItemStatus.Dropped },
        { ItemStatus.Pending, ReviewState.Approved, ItemStatus.Kept },
        { ItemStatus.Kept, ReviewState.Approved, ItemStatus.Kept },
        { ItemStatus.Dropped, ReviewState.Approved, ItemStatus.Kept },
        { ItemStatus.Pending, ReviewState.Rejected, ItemStatus.Dropped },
        { ItemStatus.Kept, ReviewState.Rejected, ItemStatus.Dropped },
        { ItemStatus.Dropped, ReviewState.Rejected, ItemStatus.Dropped },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void A_rejection_beats_everything_and_an_approval_beats_a_filter_drop(ItemStatus automatic, ReviewState review, ItemStatus effective) =>
        Assert.Equal(effective, EffectiveStatus.Of(automatic, review));

    [Fact]
    public async Task The_database_the_compiled_rule_and_the_raw_sql_fragments_agree_on_every_combination()
    {
        await using var database = await TestDatabase.CreateAsync();
        var run = await database.Get<RunService>().CreateAsync("states", new RunSettings());
        var combinations = (from status in Enum.GetValues<ItemStatus>() from review in Enum.GetValues<ReviewState>() select (status, review)).ToList();
        await using var db = database.CreateContext();
        foreach (var (status, review) in combinations)
        {
            var text = $"{status} {review}.";
            db.Instructions.Add(new Instruction { RunId = run.Id, Text = text, TextHash = TextHash.Normalized(text), Status = status, ReviewState = review });
        }
        await db.SaveChangesAsync();

        var byLinq = await db.Instructions.Where(i => i.RunId == run.Id).OrderBy(i => i.Id)
            .Select(EffectiveStatus.Of<Instruction>()).ToListAsync();
        var effectiveSql = $$"""SELECT {{new SqlNames(db).EffectiveStatus<Instruction>("i")}} AS "Value" FROM "Instructions" AS i WHERE i."RunId" = {0} ORDER BY i."Id" """;
        var bySql = await db.Database.SqlQueryRaw<int>(effectiveSql, run.Id).ToListAsync();
        var continues = EffectiveStatus.ContinuesInPipeline<Instruction>().Compile();
        var inMemory = (await db.Instructions.Where(i => i.RunId == run.Id).OrderBy(i => i.Id).ToListAsync()).Where(continues).Select(i => i.Id);
        var continuesInSql = await db.Instructions.Where(i => i.RunId == run.Id).Where(EffectiveStatus.ContinuesInPipeline<Instruction>()).Select(i => i.Id).ToListAsync();
        var continuesSql = $$"""SELECT i."Id" AS "Value" FROM "Instructions" AS i WHERE i."RunId" = {0} AND {{new SqlNames(db).ContinuesInPipeline<Instruction>("i")}} ORDER BY i."Id" """;
        var continuesByFragment = await db.Database.SqlQueryRaw<int>(continuesSql, run.Id).ToListAsync();

        var expected = combinations.Select(c => EffectiveStatus.Of(c.status, c.review)).ToList();
        Assert.Equal(expected, byLinq);
        Assert.Equal(expected, bySql.Select(s => (ItemStatus)s));
        Assert.Equal(inMemory, continuesInSql);
        Assert.Equal(continuesInSql, continuesByFragment);
        // Only a kept, unrejected item goes on: two of the nine combinations.
        Assert.Equal(2, continuesInSql.Count);
    }
}
