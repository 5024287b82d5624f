namespace AutoIF.Core.Sandbox;

/// <summary>A worker died, hung past the host deadline or broke the protocol; it has been killed.</summary>
internal sealed class SandboxWorkerFailedException : Exception
{
    public SandboxWorkerFailedException()
    {
    }

    public SandboxWorkerFailedException(string message)
        : base(message)
    {
    }

    public SandboxWorkerFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
