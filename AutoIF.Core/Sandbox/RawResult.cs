namespace AutoIF.Core.Sandbox;

/// <summary>A result code as the worker sent it (a verdict kind, or a compile status for check jobs) and its detail.</summary>
internal readonly record struct RawResult(int Code, string? Detail);
