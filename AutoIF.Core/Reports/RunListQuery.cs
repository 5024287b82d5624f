using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>The runs for filter drop-downs, newest first.</summary>
public sealed class RunListQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<IReadOnlyList<RunOption>> OptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().OrderByDescending(r => r.Id).Select(r => new RunOption(r.Id, r.Name, r.IsDemo)).ToListAsync(cancellationToken);
    }
}
