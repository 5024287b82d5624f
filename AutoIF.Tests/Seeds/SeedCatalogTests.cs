using System.Text;
using AutoIF.Core.Seeds;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Seeds;

public class SeedCatalogTests
{
    private static MemoryStream File(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Import_adds_new_lines_to_the_default_set_and_reports_duplicates_of_existing_and_repeated_seeds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = database.Get<SeedCatalog>();
        var before = (await catalog.ListAsync(SeedSets.Default)).Count;
        var existing = (await catalog.ListAsync(SeedSets.Default))[0].Text;

        var result = await catalog.ImportTextAsync(File($"Use exactly seven words.\n\n# a comment\n{existing.ToUpperInvariant()}\nUse exactly seven words.\n  End with a haiku.  \n"));

        Assert.Equal((SeedSets.Default, 2), (result.Set, result.Added));
        Assert.Equal([existing.ToUpperInvariant(), "Use exactly seven words."], result.Duplicates);
        var seeds = await catalog.ListAsync(SeedSets.Default);
        Assert.Equal(before + 2, seeds.Count);
        Assert.Contains(seeds, s => s.Text == "End with a haiku." && !s.IsBuiltIn);
    }

    [Fact]
    public async Task Import_into_a_named_set_creates_it_and_duplicates_count_only_within_that_set()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = database.Get<SeedCatalog>();
        var builtIn = (await catalog.ListAsync(SeedSets.IfEvalTypes))[0].Text;

        var first = await catalog.ImportTextAsync(File($"{builtIn}\nRhyme every pair of lines.\n"), "riddles");
        var second = await catalog.ImportTextAsync(File("rhyme every pair of lines.\n"), "riddles");

        Assert.Equal(2, first.Added);
        Assert.Equal(["rhyme every pair of lines."], second.Duplicates);
        Assert.Equal([builtIn, "Rhyme every pair of lines."], (await catalog.ListAsync("riddles")).Select(s => s.Text));
        var sets = await catalog.ListSetsAsync();
        Assert.Equal([SeedSets.AutoIf, SeedSets.IfEvalTypes, "riddles"], sets.Select(s => s.Name));
        Assert.Equal((2, false, false), sets.Single(s => s.Name == "riddles") is var r ? (r.Seeds, r.IsBuiltIn, r.IsDefault) : default);
        Assert.True(sets[0].IsDefault);
    }

    [Fact]
    public async Task A_bad_set_name_is_refused_with_the_rule_and_nothing_is_stored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = database.Get<SeedCatalog>();
        var before = (await catalog.ListAsync()).Count;

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => catalog.ImportTextAsync(File("Rhyme every pair of lines.\n"), "My Seeds"));

        Assert.Contains("\"My Seeds\" is not a seed set name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lowercase letters, digits and hyphens", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await catalog.ListAsync()).Count);
    }

    [Fact]
    public async Task Add_edit_and_delete_change_the_list_and_refuse_duplicates_within_the_set()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = database.Get<SeedCatalog>();

        var added = await catalog.AddAsync("Mention a colour.");
        await Assert.ThrowsAsync<ArgumentException>(() => catalog.AddAsync("mention a colour."));
        var elsewhere = await catalog.AddAsync("mention a colour.", "colours");
        await catalog.UpdateAsync(added.Id, "Mention two colours.");
        var first = (await catalog.ListAsync(SeedSets.Default))[0];
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => catalog.UpdateAsync(added.Id, first.Text));
        Assert.Contains("already exists in set autoif", ex.Message, StringComparison.Ordinal);
        Assert.Contains(await catalog.ListAsync(), s => s.Text == "Mention two colours." && s.Set == SeedSets.Default);
        Assert.Equal("colours", elsewhere.Set);

        await catalog.DeleteAsync(added.Id);

        Assert.DoesNotContain(await catalog.ListAsync(), s => s.Id == added.Id);
    }
}
