using System.Text.Json;

namespace AutoIF.Core.Domain.State;

/// <summary>A drop reason as stored: its code and arguments. <see cref="Text"/> is the code's rendering.</summary>
public sealed record CodedDropReason(DropReasonCode Kind, IReadOnlyList<string> Arguments)
{
    public string Code => Kind.Code;

    public string Text => Kind.Render(Arguments);

    /// <summary>The arguments as stored in DropReasonArgs: a JSON array of strings.</summary>
    public string ArgumentsJson => JsonSerializer.Serialize(Arguments);

    public string Label => Kind.Label(Arguments);
}
