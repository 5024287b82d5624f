using System.CommandLine;
using AutoIF.Core.Seeds;

namespace AutoIF.Web.Cli;

/// <summary><c>seeds list [--set NAME] | seeds import FILE [--set NAME]</c>.</summary>
public static class SeedsCommands
{
    public static Command Build(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<SeedCatalog>();
        var seeds = new Command("seeds", "The seed instructions new runs start from, in named sets.");

        var listSet = new Option<string?>("--set") { Description = "Only this set's seeds." };
        var list = new Command("list", "Print the seed sets, then every seed with its id and set.") { listSet };
        list.SetAction(async (parse, ct) =>
        {
            var set = parse.GetValue(listSet) is { } name ? SeedSets.CheckName(name) : null;
            var sets = await catalog.ListSetsAsync(ct);
            if (set is not null && sets.All(s => s.Name != set))
            {
                throw new ArgumentException($"There is no seed set '{set}'; sets: {string.Join(", ", sets.Select(s => s.Name))}.");
            }
            foreach (var summary in sets.Where(s => set is null || s.Name == set))
            {
                var kind = summary.IsBuiltIn ? "built-in" : "user";
                CliConsole.Line($"set {summary.Name}: {summary.Seeds} seeds ({kind}{(summary.IsDefault ? ", default for new runs" : "")})");
            }
            var rows = await catalog.ListAsync(set, ct);
            var width = rows.Count == 0 ? 0 : rows.Max(r => r.Set.Length);
            foreach (var seed in rows)
            {
                CliConsole.Line($"{seed.Id,4}  {seed.Set.PadRight(width)}  {seed.Text}");
            }
            return 0;
        });
        seeds.Subcommands.Add(list);

        var file = new Argument<FileInfo>("FILE") { Description = "A text file, one seed per line; '#' lines are comments." };
        var importSet = new Option<string>("--set")
        {
            Description = $"The set to add them to, created if new (default: {SeedSets.Default}, the set new runs start from).",
            DefaultValueFactory = _ => SeedSets.Default,
        };
        var import = new Command("import", "Add the seeds of a text file to a set; duplicates within the set are reported and skipped.") { file, importSet };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var set = SeedSets.CheckName(parse.GetValue(importSet));
            await using var stream = OpenOrFail(path);
            var result = await catalog.ImportTextAsync(stream, set, ct);
            CliConsole.Line($"imported {result.Added} seeds from {path.Name} into set {result.Set}; skipped {result.Duplicates.Count} duplicates");
            foreach (var duplicate in result.Duplicates)
            {
                CliConsole.Line($"  duplicate: {duplicate}");
            }
            return 0;
        });
        seeds.Subcommands.Add(import);
        return seeds;
    }

    internal static FileStream OpenOrFail(FileInfo file) =>
        file.Exists ? file.OpenRead() : throw new IOException($"{file.FullName} does not exist.");
}
