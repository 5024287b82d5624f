using System.Text;
using AutoIF.Core.Seeds;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Seeds;

public class SeedCatalogTests
{
    [Fact]
    public async Task Import_adds_new_lines_and_reports_duplicates_of_existing_and_repeated_seeds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = database.Get<SeedCatalog>();
        var before = (await catalog.ListAsync()).Count;
        var existing = (await catalog.ListAsync())[0].Text;
        var file = new MemoryStream(Encoding.UTF8.GetBytes($"Use exactly seven words.\n\n# a comment\n{existing.ToUpperInvariant()}\nUse exactly seven words.\n  End with a haiku.  \n"));

        var result = await catalog.ImportTextAsync(file);

        Assert.Equal(2, result.Added);
        Assert.Equal([existing.ToUpperInvariant(), "Use exactly seven words."], result.Duplicates);
        var seeds = await catalog.ListAsync();
        Assert.Equal(before + 2, seeds.Count);
        Assert.Contains(seeds, s => s.Text == "End with a haiku." && !s.IsBuiltIn);
    }

    [Fact]
    public async Task Add_edit_and_delete_change_the_list_and_refuse_duplicates()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = database.Get<SeedCatalog>();

        var added = await catalog.AddAsync("Mention a colour.");
        await Assert.ThrowsAsync<ArgumentException>(() => catalog.AddAsync("mention a colour."));
        await catalog.UpdateAsync(added.Id, "Mention two colours.");
        var first = (await catalog.ListAsync())[0];
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => catalog.UpdateAsync(added.Id, first.Text));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
        Assert.Contains(await catalog.ListAsync(), s => s.Text == "Mention two colours.");

        await catalog.DeleteAsync(added.Id);

        Assert.DoesNotContain(await catalog.ListAsync(), s => s.Id == added.Id);
    }
}
