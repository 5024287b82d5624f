using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Export;

/// <summary>The further instructions (besides the lead) of a page of composed prompts, in prompt order; prompts with one instruction are absent.</summary>
internal static class PromptConstraintTexts
{
    public static async Task<Dictionary<int, IReadOnlyList<(int Id, string Text)>>> ForPromptsAsync(AutoIfDbContext db, IEnumerable<int?> promptIds, CancellationToken cancellationToken)
    {
        var ids = promptIds.OfType<int>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.PromptConstraints.AsNoTracking().Where(c => ids.Contains(c.PromptId))
            .Join(db.Instructions, c => c.InstructionId, i => i.Id, (c, i) => new { c.PromptId, c.Position, i.Id, i.Text })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PromptId).ToDictionary(g => g.Key, g => (IReadOnlyList<(int Id, string Text)>)g.OrderBy(r => r.Position).Select(r => (r.Id, r.Text)).ToList());
    }
}
