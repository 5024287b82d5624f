using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>Finds verifiers (functions and questions) by id or by a substring of their instruction, kept ones first.</summary>
public sealed class VerifierLookupQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<IReadOnlyList<VerifierLookupRow>> SearchAsync(string? text, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var verifiers = db.Verifiers.AsNoTracking();
        var trimmed = text?.Trim().TrimStart('#') ?? "";
        if (int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            verifiers = verifiers.Where(v => v.Id == id);
        }
        else if (trimmed.Length > 0)
        {
            var pattern = InstructionGridQuery.Like(trimmed);
            verifiers = verifiers.Where(v => EF.Functions.Like(v.Instruction!.Text.ToLower(), pattern, "\\"));
        }
        return await verifiers.OrderBy(v => v.Status == ItemStatus.Kept ? 0 : 1).ThenBy(v => v.Id).Take(Math.Clamp(take, 1, 100))
            .Select(v => new VerifierLookupRow(v.Id, v.InstructionId, v.Instruction!.Text, v.Source, v.Status, v.ReviewState, v.IsDemo, v.Kind, v.RunId))
            .ToListAsync(cancellationToken);
    }
}
