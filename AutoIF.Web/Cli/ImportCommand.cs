using System.CommandLine;
using AutoIF.Core.Import;

namespace AutoIF.Web.Cli;

/// <summary><c>import --format FORMAT FILE --run NAME</c>: the run is created when it does not exist.</summary>
public static class ImportCommand
{
    public static Command Build(IServiceProvider services)
    {
        var format = new Option<string>("--format")
        {
            Required = true,
            Description = "One of: " + string.Join(", ", RunImporter.Formats.Select(f => f.Name)),
        };
        format.AcceptOnlyFromAmong([.. RunImporter.Formats.Select(f => f.Name)]);
        var run = new Option<string>("--run") { Required = true, Description = "The run to import into (created if missing)." };
        var column = new Option<string?>("--column", "--field") { Description = "Where the query is: the CSV column, JSONL field or Parquet column (queries-csv, queries-jsonl, queries-parquet; default 'query')." };
        var file = new Argument<FileInfo>("FILE");
        var command = new Command("import", "Import reference-script files or a query pool into a run. A malformed file is rejected whole.") { format, run, column, file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await using var stream = SeedsCommands.OpenOrFail(path);
            var options = parse.GetValue(column) is { } named ? new ImportOptions { Column = named } : new ImportOptions();
            var result = await services.GetRequiredService<UseCases.RunControl>().ImportAsync(parse.GetValue(format)!, stream, path.Name, parse.GetValue(run)!, options, ct);
            CliConsole.Line(result.Summary);
            foreach (var warning in result.Warnings)
            {
                CliConsole.Line("  warning: " + warning);
            }
            return 0;
        });
        return command;
    }
}
