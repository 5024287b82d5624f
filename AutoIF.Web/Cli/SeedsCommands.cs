using System.CommandLine;
using AutoIF.Core.Seeds;

namespace AutoIF.Web.Cli;

/// <summary><c>seeds list | seeds import FILE</c>.</summary>
public static class SeedsCommands
{
    public static Command Build(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<SeedCatalog>();
        var seeds = new Command("seeds", "The seed instructions new runs start from.");

        var list = new Command("list", "Print every seed, one per line, with its id.");
        list.SetAction(async (_, ct) =>
        {
            foreach (var seed in await catalog.ListAsync(ct))
            {
                CliConsole.Line($"{seed.Id,4}  {seed.Text}");
            }
            return 0;
        });
        seeds.Subcommands.Add(list);

        var file = new Argument<FileInfo>("FILE") { Description = "A text file, one seed per line; '#' lines are comments." };
        var import = new Command("import", "Add the seeds of a text file; duplicates are reported and skipped.") { file };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await using var stream = OpenOrFail(path);
            var result = await catalog.ImportTextAsync(stream, ct);
            CliConsole.Line($"imported {result.Added} seeds from {path.Name}; skipped {result.Duplicates.Count} duplicates");
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
