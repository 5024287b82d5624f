namespace AutoIF.Core.Sandbox;

internal enum WorkerJobKind
{
    /// <summary>Call <c>evaluate</c> on inputs.</summary>
    Run = 0,

    /// <summary>Compile and look for a callable <c>evaluate</c>; one result per source.</summary>
    Check = 1,
}
