using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Domain;

public class Response : IReviewedItem
{
    public long Id { get; init; }
    public int RunId { get; init; }
    public int PromptId { get; init; }
    public int InstructionId { get; init; }
    /// <summary>The answer: what is verified, judged, paired and exported (<see cref="Rewards.ModelAnswer.Split"/> of the model's output).</summary>
    public required string Text { get; init; }
    /// <summary>The reasoning block a reasoning model wrote before its answer (without the tags); null when it wrote none.</summary>
    public string? Reasoning { get; init; }
    /// <summary>Of <see cref="Text"/>, the answer: responses with the same answer are duplicates whatever their reasoning.</summary>
    public required string TextHash { get; init; }
    public ResponseOrigin Origin { get; init; }
    public int SampleIndex { get; init; }
    public int Round { get; init; }
    /// <summary>Share of counted verifiers returning True (errors and timeouts left out of the denominator).</summary>
    public double? Accuracy { get; set; }
    /// <summary>The judge's score, 0–10, averaged over Judge:Samples judgements; null when not judged or no judgement gave a score.</summary>
    public double? JudgeScore { get; set; }
    public string? JudgeRationale { get; set; }
    public ItemStatus Status { get; set; }
    public PipelineStage? DropStage { get; set; }
    /// <summary>See <see cref="IDroppableItem.DropReasonCode"/>.</summary>
    public string? DropReasonCode { get; set; }
    public string? DropReasonArgs { get; set; }
    /// <summary>The code's rendering (<see cref="DropReasons"/>), stored for search and display.</summary>
    public string? DropReason { get; set; }
    /// <summary>An earlier response to the same prompt with exactly this text, when Responses:CountDuplicatesOnce counts it once (this one is dropped).</summary>
    public long? DuplicateOfId { get; set; }
    public ReviewState ReviewState { get; set; }
    public bool IsDemo { get; init; }
    public long? LlmCallId { get; init; }

    public ComposedPrompt? Prompt { get; init; }
}
