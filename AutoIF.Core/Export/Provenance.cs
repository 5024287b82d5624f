using AutoIF.Core.Domain;

namespace AutoIF.Core.Export;

/// <summary>
/// Where an exported row came from. Writers put it in a <c>metadata</c> field when asked, and the bundle writes
/// it to <c>provenance.jsonl</c>, so a trainer's file can stay in the consumer's exact shape.
/// </summary>
/// <param name="RunName">Name of the run that produced the row.</param>
/// <param name="InstructionId">Instruction the prompt carries.</param>
/// <param name="VerifierIds">Verifiers whose verdicts made the accuracy.</param>
/// <param name="Accuracy">Accuracy of the response (for a DPO pair: of the chosen side); null when not verified.</param>
/// <param name="JudgeScore">Judge score (0–10) of the response (DPO: chosen side); null when not judged.</param>
/// <param name="IsDemo">True when the offline demo model produced any part of the row.</param>
/// <param name="Round">0 for the main run, N for the N-th online DPO round.</param>
/// <param name="Level">Pair level for DPO rows; null for SFT rows.</param>
/// <param name="SourceId">Response id (SFT, scores) or pair id (DPO): the row's identity in the database.</param>
/// <param name="RejectedAccuracy">Accuracy of the rejected side of a DPO pair; null otherwise.</param>
/// <param name="SourcePrompt">
/// The prompt as an imported file wrote it (the reference scripts' wrapper), when the row's prompt was composed from
/// the query and instruction it carried; null otherwise.
/// </param>
/// <param name="Difficulty">k, the number of instructions the prompt carries, when more than one (decision 024); null for one.</param>
/// <param name="Constraints">A DPO pair's per-constraint results of both sides when its prompt carries several; null otherwise.</param>
public sealed record Provenance(
    string RunName,
    int InstructionId,
    IReadOnlyList<int> VerifierIds,
    double? Accuracy,
    double? JudgeScore,
    bool IsDemo,
    int Round,
    PairLevel? Level,
    long SourceId,
    double? RejectedAccuracy = null,
    string? SourcePrompt = null,
    int? Difficulty = null,
    IReadOnlyList<PairConstraintResult>? Constraints = null);
