namespace AutoIF.Core.Sandbox;

/// <summary>Verifier code is refused: no working sandbox and the operator did not allow running without one.</summary>
public sealed class SandboxUnavailableException : InvalidOperationException
{
    public SandboxUnavailableException()
    {
    }

    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
