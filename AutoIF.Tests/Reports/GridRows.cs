using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Reports;

/// <summary>
/// Instructions with known texts for the grid's search and paging: four kinds of text, pass rates with many ties and
/// NULLs (dropped or not yet verified), all three review states; and a second run with the same words.
/// </summary>
public static class GridRows
{
    public const int PerRun = 120;

    public static string Text(int i) => (i % 4) switch
    {
        0 => $"Answer in fewer than {i} words.",
        1 => $"End your answer with a P.S. numbered {i}.",
        2 => $"Wrap the whole answer in JSON, verification item {i}.",
        _ => $"Use exactly {i} bullet points, no more.",
    };

    public static async Task<(int RunId, int OtherRunId, IReadOnlyList<Instruction> Rows)> SeedAsync(IDbContextFactory<AutoIfDbContext> contexts, int perRun = PerRun)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var run = new Run { Name = "grid", Settings = new RunSettings(), Status = RunStatus.Completed, CreatedAt = now };
        var other = new Run { Name = "grid-other", Settings = new RunSettings(), Status = RunStatus.Completed, CreatedAt = now };
        db.Runs.AddRange(run, other);
        await db.SaveChangesAsync();
        var rows = new List<Instruction>();
        for (var i = 0; i < perRun; i++)
        {
            var dropped = i % 3 == 0;
            rows.Add(new Instruction
            {
                RunId = run.Id,
                Text = Text(i),
                TextHash = $"h{i}",
                Origin = InstructionOrigin.Augmented,
                Status = dropped ? ItemStatus.Dropped : ItemStatus.Kept,
                DropStage = dropped ? PipelineStage.CrossValidate : null,
                DropReason = dropped ? "too few functions" : null,
                PassRate = dropped || i % 7 == 1 ? null : i % 5 / 4.0,
                ReviewState = (ReviewState)(i % 3 == 1 ? i % 9 % 3 : 0),
                CreatedAt = now,
            });
        }
        for (var i = 0; i < 8; i++)
        {
            rows.Add(new Instruction
            {
                RunId = other.Id, Text = Text(i), TextHash = $"o{i}", Origin = InstructionOrigin.Augmented, Status = ItemStatus.Kept, PassRate = 0.5, CreatedAt = now,
            });
        }
        db.Instructions.AddRange(rows);
        await db.SaveChangesAsync();
        await InstructionSearchIndex.OptimizeAsync(db);
        return (run.Id, other.Id, rows);
    }
}
