namespace AutoIF.Core.Export;

/// <summary>One preference pair: a prompt with a chosen (passing) and a rejected (failing) answer.</summary>
public sealed record DpoExample(
    string Prompt,
    string Chosen,
    string Rejected,
    Provenance Provenance,
    string? System = null) : IExportRow
{
    public int InstructionId => Provenance.InstructionId;

    public long SourceId => Provenance.SourceId;
}
