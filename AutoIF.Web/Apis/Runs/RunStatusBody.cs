using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Reports;

namespace AutoIF.Web.Apis.Runs;

/// <summary>
/// <c>GET /api/runs/{name}</c>: what the run page and <c>run status</c> show (the same <see cref="RunReport"/>), with
/// states and stages as lower-case words and the settings as the key/value pairs <c>--set</c> takes.
/// </summary>
public sealed record RunStatusBody(
    int Id,
    string Name,
    string State,
    string? CurrentStage,
    int Done,
    int Total,
    string? Message,
    string? Error,
    bool IsDemo,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string Profile,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<RunStageBody> Stages,
    IReadOnlyList<RunFunnelBody> Funnel)
{
    public static RunStatusBody Of(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.Summary;
        return new RunStatusBody(
            run.Id,
            run.Name,
            Word(run.State),
            run.CurrentStage is { } stage ? Word(stage) : null,
            run.Done,
            run.Total,
            run.StageMessage,
            run.Error,
            run.IsDemo,
            run.CreatedAt,
            run.FinishedAt,
            report.ProfileSummary,
            RunSettingsEditor.Describe(report.Settings).ToDictionary(p => p.Key, p => p.Value),
            [.. report.Stages.Select(s => new RunStageBody(Word(s.Stage), s.Done, s.Total, s.Completed, s.Message))],
            [.. report.Funnel.Select(f => new RunFunnelBody(f.Name, f.Unit, f.Count, f.DroppedCount))]);
    }

    private static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);
}
