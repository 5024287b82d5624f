namespace AutoIF.Core.Sandbox;

/// <summary>Whether a source compiles and defines a callable <c>evaluate</c>; <see cref="Error"/> says why not.</summary>
public sealed record CompileResult(CompileStatus Status, string? Error = null)
{
    public bool IsOk => Status == CompileStatus.Ok;
}
