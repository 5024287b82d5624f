namespace AutoIF.Core.Audit;

/// <summary>One entry of a run's audit list as front ends show it.</summary>
public sealed record AuditRow(long Id, int RunId, string Actor, string Action, string? Detail, DateTimeOffset At);
