using System.CommandLine;
using System.Globalization;
using AutoIF.Core.Verifiers;

namespace AutoIF.Web.Cli;

/// <summary><c>verifier edit|show|history ID</c>: a verifier's versions (decision 026). ID names any version.</summary>
public static class VerifierCommands
{
    public static Command Build(IServiceProvider services)
    {
        var verifier = new Command("verifier", "Edit a verifier into its next version, print a version's source, list its versions.");
        var versions = services.GetRequiredService<VerifierVersions>();

        var editId = IdArgument();
        var file = new Option<FileInfo>("--file") { Required = true, Description = "The new Python source (defining evaluate(response))." };
        var note = new Option<string?>("--note") { Description = "Why this version was made; shown in the history." };
        var edit = new Command("edit", "Save the file as the verifier's next version; the version before stops taking part (its verdicts stay). `verify --run NAME --reverify` then re-verifies with it.") { editId, file, note };
        edit.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new ArgumentException($"--file {path.FullName}: no such file.");
            }
            var saved = await services.GetRequiredService<UseCases.RunControl>().EditVerifierAsync(parse.GetValue(editId), await File.ReadAllTextAsync(path.FullName, ct), parse.GetValue(note), ct);
            CliConsole.Line($"saved verifier #{saved.Id} as version {saved.Version} of instruction {saved.InstructionId} in run '{saved.RunName}'; `verify --run {saved.RunName} --reverify` re-verifies the run with it");
            return 0;
        });
        verifier.Subcommands.Add(edit);

        var showId = IdArgument();
        var version = new Option<int?>("--version") { Description = "The version number to print (default: the version ID names)." };
        var show = new Command("show", "Print a version's source.") { showId, version };
        show.SetAction(async (parse, ct) =>
        {
            var shown = await versions.ShowAsync(parse.GetValue(showId), parse.GetValue(version), ct);
            Console.Out.Write(shown.Source.EndsWith('\n') ? shown.Source : shown.Source + "\n");
            return 0;
        });
        verifier.Subcommands.Add(show);

        var historyId = IdArgument();
        var history = new Command("history", "List the verifier's versions with note, date and self-test result (ok, vacuous, constant).") { historyId };
        history.SetAction(async (parse, ct) =>
        {
            foreach (var v in await versions.HistoryAsync(parse.GetValue(historyId), ct))
            {
                var date = v.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
                var state = v.IsCurrent ? "current" : "superseded";
                CliConsole.Line($"v{v.Version,-3} #{v.Id,-6} {date,-16} {v.SelfTest,-9} {state,-10} {v.Note}");
                if (v.SelfTestEvidence is { } evidence)
                {
                    CliConsole.Line($"     self-test: {evidence}");
                }
            }
            return 0;
        });
        verifier.Subcommands.Add(history);
        return verifier;
    }

    private static Argument<int> IdArgument() => new("ID") { Description = "A verifier id (any of its versions; ids as on the instruction page and in exports' verifier_id)." };
}
