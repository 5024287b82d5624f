using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Seeds;

/// <summary>
/// The editable seed sets new runs start from (see <see cref="SeedSets"/>). Texts are unique within a set after
/// trimming, compared case-insensitively; the same text may stand in two sets.
/// </summary>
public sealed class SeedCatalog(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxLength = 2000;

    /// <summary>Every seed, or those of <paramref name="set"/>, in id order (the order runs take them in).</summary>
    public async Task<IReadOnlyList<SeedRow>> ListAsync(string? set = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SeedInstructions.AsNoTracking().Where(s => set == null || s.Set == set).OrderBy(s => s.Id)
            .Select(s => new SeedRow(s.Id, s.Text, s.Set, s.IsBuiltIn, s.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The built-in sets (even when emptied) and every other set that holds seeds: the default first, then by name.</summary>
    public async Task<IReadOnlyList<SeedSetSummary>> ListSetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.SeedInstructions.AsNoTracking().GroupBy(s => s.Set).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return SeedSets.BuiltIn.Concat(counts.Keys).Distinct(StringComparer.Ordinal)
            .Select(name => new SeedSetSummary(name, counts.GetValueOrDefault(name), SeedSets.BuiltIn.Contains(name), name == SeedSets.Default))
            .OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Adds one seed to <paramref name="set"/>; throws <see cref="ArgumentException"/> for empty, too long or duplicate text or a bad set name.</summary>
    public async Task<SeedRow> AddAsync(string text, string set = SeedSets.Default, CancellationToken cancellationToken = default)
    {
        var name = SeedSets.CheckName(set);
        var result = await ImportLinesAsync([text], name, cancellationToken);
        if (result.Added == 0)
        {
            throw new ArgumentException(result.Duplicates.Count > 0 ? $"The seed \"{text.Trim()}\" already exists in set {name}." : "A seed needs some text.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var trimmed = text.Trim();
        var added = await db.SeedInstructions.AsNoTracking().SingleAsync(s => s.Set == name && s.Text == trimmed, cancellationToken);
        return new SeedRow(added.Id, added.Text, added.Set, added.IsBuiltIn, added.CreatedAt);
    }

    public async Task UpdateAsync(int id, string text, CancellationToken cancellationToken = default)
    {
        var trimmed = Check(text);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var seed = await db.SeedInstructions.FindAsync([id], cancellationToken)
            ?? throw new ArgumentException($"Seed {id} does not exist.");
        var existing = await db.SeedInstructions.AsNoTracking().Where(s => s.Set == seed.Set).Select(s => new { s.Id, s.Text }).ToListAsync(cancellationToken);
        if (existing.Any(s => s.Id != id && Same(s.Text, trimmed)))
        {
            throw new ArgumentException($"The seed \"{trimmed}\" already exists in set {seed.Set}.");
        }
        seed.Text = trimmed;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SeedInstructions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Imports a text file into <paramref name="set"/> (created by its first seed), one seed per line; blank lines and
    /// lines starting with '#' are ignored.
    /// </summary>
    public async Task<SeedImportResult> ImportTextAsync(Stream file, string set = SeedSets.Default, CancellationToken cancellationToken = default)
    {
        var name = SeedSets.CheckName(set);
        using var reader = new StreamReader(file);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.TrimStart().StartsWith('#'))
            {
                lines.Add(line);
            }
        }
        return await ImportLinesAsync(lines, name, cancellationToken);
    }

    private async Task<SeedImportResult> ImportLinesAsync(IEnumerable<string> lines, string set, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var known = new HashSet<string>(await db.SeedInstructions.Where(s => s.Set == set).Select(s => s.Text).ToListAsync(cancellationToken), StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<string>();
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var text = Check(line);
            if (!known.Add(text))
            {
                duplicates.Add(text);
                continue;
            }
            db.SeedInstructions.Add(new SeedInstruction { Text = text, Set = set, CreatedAt = now });
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SeedImportResult(set, added, duplicates);
    }

    private static string Check(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("A seed needs some text.");
        }
        if (trimmed.Length > MaxLength)
        {
            throw new ArgumentException($"A seed may have at most {MaxLength} characters; this one has {trimmed.Length}.");
        }
        return trimmed;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
