using System.Text;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Pipeline.Queries;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Import;

/// <summary>
/// Imports the reference scripts' files and query pools into a run (the shapes the published scripts write, decision 005). A file is read and
/// validated whole before anything is written, then stored in one transaction, so a malformed file stores nothing and
/// fails with an <see cref="ImportException"/> naming file, line and reason. The CLI verb and the Runs page both call this.
/// </summary>
public sealed class RunImporter(IDbContextFactory<AutoIfDbContext> contextFactory, RunService runs, TimeProvider clock)
{
    /// <summary>
    /// Parsed records are buffered until the file is validated; beyond this many characters of text (about 400 MB of
    /// memory) a file is refused with a request to split it, rather than exhausting the server.
    /// </summary>
    public const long MaxBufferedChars = 200_000_000;

    public const string BuiltInSource = "built-in";

    public static IReadOnlyList<ImportFormatInfo> Formats => ImportFormats.All;

    public Task<ImportResult> ImportAsync(string format, Stream file, string fileName, string runName, CancellationToken cancellationToken = default) =>
        ImportAsync(format, file, fileName, runName, new ImportOptions(), cancellationToken);

    /// <summary>Imports <paramref name="file"/> into the run named <paramref name="runName"/>, creating the run with default settings if needed.</summary>
    public async Task<ImportResult> ImportAsync(string format, Stream file, string fileName, string runName, ImportOptions options, CancellationToken cancellationToken)
    {
        var info = Resolve(format);
        if (string.IsNullOrWhiteSpace(runName))
        {
            throw new ArgumentException("An import needs the name of the run to import into.", nameof(runName));
        }
        var name = DisplayName(fileName);
        var tally = new ImportTally();
        if (info.IsQueryPool)
        {
            var queries = await ReadQueriesAsync(info.Name, file, name, options, tally, cancellationToken);
            var run = await GetOrCreateRunAsync(runName, cancellationToken);
            await StoreQueriesAsync(run, queries, name, tally, cancellationToken);
            return tally.ToResult(info.Name, name, run.Id, run.Name);
        }
        else
        {
            using var reader = Reader(file);
            // Read as the run will read its own answers (strict under the scripts profile); a new run gets the defaults.
            var parsing = (await FindRunSettingsAsync(runName, cancellationToken) ?? new RunSettings()).Verifiers.Parsing;
            var lines = await ReadReferenceAsync(info.Name, reader, name, parsing, tally, cancellationToken);
            var merged = ReferenceMerger.Merge(lines);
            var run = await GetOrCreateRunAsync(runName, cancellationToken);
            await StoreReferenceAsync(run.Id, info.Name, merged, name, tally, cancellationToken);
            return tally.ToResult(info.Name, name, run.Id, run.Name);
        }
    }

    /// <summary>
    /// The first <paramref name="rows"/> records as the import would read them, for the preview before importing.
    /// Errors in those records surface as the same <see cref="ImportException"/>. Query length reasons use the run's
    /// window when <paramref name="runName"/> names an existing run, else the defaults.
    /// </summary>
    public async Task<IReadOnlyList<ImportPreviewRow>> PreviewAsync(
        string format, Stream file, string fileName, int rows, string? runName = null, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        var info = Resolve(format);
        var name = DisplayName(fileName);
        var result = new List<ImportPreviewRow>();
        if (rows <= 0)
        {
            return result;
        }
        if (info.IsQueryPool)
        {
            var lengths = (await FindRunSettingsAsync(runName, cancellationToken) ?? new RunSettings()).Queries;
            await foreach (var query in QueryPoolReader.ReadAsync(info.Name, file, name, options ?? new ImportOptions(), [], cancellationToken))
            {
                var reason = QueryLengthFilter.DropReason(query.Text.Length, lengths);
                result.Add(new ImportPreviewRow(query.Line, query.Text, reason is null ? $"{query.Text.Length} characters" : $"dropped: {reason.Text}"));
                if (result.Count == rows)
                {
                    break;
                }
            }
            return result;
        }
        using var reader = Reader(file);
        var parsing = (await FindRunSettingsAsync(runName, cancellationToken) ?? new RunSettings()).Verifiers.Parsing;
        await foreach (var line in JsonLinesReader.ReadAsync(reader, name, cancellationToken))
        {
            var parsed = ReferenceLineParser.Parse(info.Name, line, name, parsing);
            result.Add(new ImportPreviewRow(parsed.Line, parsed.Text ?? parsed.Prompts[0].Text, Describe(parsed)));
            if (result.Count == rows)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>Adds the built-in demo pool to a run (Source "built-in"); queries already in the run are skipped.</summary>
    public async Task<ImportResult> AddBuiltInQueriesAsync(int runId, CancellationToken cancellationToken = default)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new ArgumentException($"Run {runId} does not exist.");
        var tally = new ImportTally();
        await StoreQueriesAsync(run, BuiltInQueries.Load(), BuiltInSource, tally, cancellationToken);
        return tally.ToResult(BuiltInSource, BuiltInSource, run.Id, run.Name);
    }

    /// <summary>For the Queries stage: a run with no pool of its own gets the built-in pool. Returns null when the run has queries.</summary>
    public async Task<ImportResult?> EnsureQueryPoolAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Queries.AnyAsync(q => q.RunId == runId, cancellationToken))
            {
                return null;
            }
        }
        return await AddBuiltInQueriesAsync(runId, cancellationToken);
    }

    private static ImportFormatInfo Resolve(string format) =>
        ImportFormats.Find(format)
        ?? throw new ArgumentException($"Unknown import format '{format}'. Known formats: {string.Join(", ", ImportFormats.All.Select(f => f.Name))}.");

    private static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        return name.Length == 0 ? "upload" : name;
    }

    private static StreamReader Reader(Stream file) => new(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);

    private static string Describe(ParsedInstruction parsed)
    {
        var parts = new List<string> { Count(parsed.Verifiers.Count, "verifier"), Count(parsed.Cases.Count, "test case") };
        if (parsed.BackTranslations.Count > 0)
        {
            parts.Add(Count(parsed.BackTranslations.Count, "back-translation"));
        }
        if (parsed.Prompts.Count > 0)
        {
            parts.Add(Count(parsed.Prompts.Sum(p => p.Responses.Count), "response"));
        }
        if (parsed.Warnings.Count > 0)
        {
            parts.Add(Count(parsed.Warnings.Count, "warning"));
        }
        return string.Join(", ", parts);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static async Task<List<ParsedInstruction>> ReadReferenceAsync(
        string format, TextReader reader, string fileName, VerifierParsing parsing, ImportTally tally, CancellationToken cancellationToken)
    {
        var lines = new List<ParsedInstruction>();
        long size = 0;
        await foreach (var line in JsonLinesReader.ReadAsync(reader, fileName, cancellationToken))
        {
            var parsed = ReferenceLineParser.Parse(format, line, fileName, parsing);
            size += parsed.Size;
            if (size > MaxBufferedChars)
            {
                throw new ImportException(fileName, line.Line, $"the file holds more than {MaxBufferedChars:N0} characters of records; split it into smaller files");
            }
            foreach (var warning in parsed.Warnings)
            {
                tally.Warn(warning);
            }
            lines.Add(parsed);
        }
        return lines;
    }

    private static async Task<List<string>> ReadQueriesAsync(string format, Stream file, string fileName, ImportOptions options, ImportTally tally, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var queries = new List<string>();
        long size = 0;
        await foreach (var query in QueryPoolReader.ReadAsync(format, file, fileName, options, warnings, cancellationToken))
        {
            size += query.Text.Length;
            if (size > MaxBufferedChars)
            {
                throw new ImportException(fileName, query.Line, $"the file holds more than {MaxBufferedChars:N0} characters of queries; split it into smaller files");
            }
            queries.Add(query.Text);
        }
        warnings.ForEach(tally.Warn);
        return queries;
    }

    private async Task<Run> GetOrCreateRunAsync(string runName, CancellationToken cancellationToken)
    {
        var name = runName?.Trim() ?? "";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken)
            ?? await runs.CreateAsync(name, new RunSettings(), cancellationToken);
    }

    private async Task<RunSettings?> FindRunSettingsAsync(string? runName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(runName))
        {
            return null;
        }
        var name = runName.Trim();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.Name == name).Select(r => r.Settings).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task StoreQueriesAsync(Run run, IEnumerable<string> queries, string source, ImportTally tally, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await QueryWriter.WriteAsync(db, run.Id, run.Settings.Queries, queries, source, tally, cancellationToken);
        if (source != BuiltInSource)
        {
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsDemo, false), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task StoreReferenceAsync(int runId, string format, IReadOnlyList<MergedInstruction> merged, string fileName, ImportTally tally, CancellationToken cancellationToken)
    {
        var profile = ReferenceProfile.For(format);
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReferenceWriter.WriteAsync(db, runId, profile, merged, fileName, now, tally, cancellationToken);
        await StageMarker.MarkCompletedAsync(db, runId, profile.CompletedStages, fileName, now, cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsDemo, false), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
