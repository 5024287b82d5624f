using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Seeds;

/// <summary>The editable seed set new runs start from. Texts are unique after trimming, compared case-insensitively.</summary>
public sealed class SeedCatalog(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxLength = 2000;

    public async Task<IReadOnlyList<SeedRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SeedInstructions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new SeedRow(s.Id, s.Text, s.IsBuiltIn, s.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds one seed; throws <see cref="ArgumentException"/> for empty, too long or duplicate text.</summary>
    public async Task<SeedRow> AddAsync(string text, CancellationToken cancellationToken = default)
    {
        var result = await ImportLinesAsync([text], cancellationToken);
        if (result.Added == 0)
        {
            throw new ArgumentException(result.Duplicates.Count > 0 ? $"The seed \"{text.Trim()}\" already exists." : "A seed needs some text.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var trimmed = text.Trim();
        var added = await db.SeedInstructions.AsNoTracking().SingleAsync(s => s.Text == trimmed, cancellationToken);
        return new SeedRow(added.Id, added.Text, added.IsBuiltIn, added.CreatedAt);
    }

    public async Task UpdateAsync(int id, string text, CancellationToken cancellationToken = default)
    {
        var trimmed = Check(text);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var seed = await db.SeedInstructions.FindAsync([id], cancellationToken)
            ?? throw new ArgumentException($"Seed {id} does not exist.");
        var existing = await db.SeedInstructions.AsNoTracking().Select(s => new { s.Id, s.Text }).ToListAsync(cancellationToken);
        if (existing.Any(s => s.Id != id && Same(s.Text, trimmed)))
        {
            throw new ArgumentException($"The seed \"{trimmed}\" already exists.");
        }
        seed.Text = trimmed;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SeedInstructions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Imports a text file, one seed per line; blank lines and lines starting with '#' are ignored.</summary>
    public async Task<SeedImportResult> ImportTextAsync(Stream file, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(file);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.TrimStart().StartsWith('#'))
            {
                lines.Add(line);
            }
        }
        return await ImportLinesAsync(lines, cancellationToken);
    }

    private async Task<SeedImportResult> ImportLinesAsync(IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var known = new HashSet<string>(await db.SeedInstructions.Select(s => s.Text).ToListAsync(cancellationToken), StringComparer.OrdinalIgnoreCase);
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
            db.SeedInstructions.Add(new SeedInstruction { Text = text, CreatedAt = now });
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SeedImportResult(added, duplicates);
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
