namespace AutoIF.Core.Domain;

public class DpoPair
{
    public long Id { get; init; }
    public int RunId { get; init; }
    public int InstructionId { get; init; }
    public PairLevel Level { get; init; }
    public int? PromptId { get; init; }
    public long? ChosenResponseId { get; init; }
    public long? RejectedResponseId { get; init; }
    public int? ChosenCaseId { get; init; }
    public int? RejectedCaseId { get; init; }
    public double ChosenAccuracy { get; init; }
    public double RejectedAccuracy { get; init; }
    public int Round { get; init; }
}
