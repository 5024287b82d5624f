namespace AutoIF.Core.Domain;

public class BackTranslation
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public int InstructionId { get; init; }
    public int? VerifierId { get; init; }
    public required string Text { get; init; }
    public NliLabel Label { get; set; }
    public string? LabelRaw { get; set; }
    public bool IsDemo { get; init; }
}
