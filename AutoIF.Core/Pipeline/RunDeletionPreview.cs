namespace AutoIF.Core.Pipeline;

/// <summary>What deleting a run takes with it, for the question asked before (the run page's dialog, the CLI's prompt).</summary>
public sealed record RunDeletionPreview(int RunId, string Name, long Instructions, long Responses, int ExportFiles)
{
    public string Describe() =>
        $"run '{Name}' with {Instructions} instructions, {Responses} responses, their verifiers, test cases, verdicts, DPO pairs and reviews, " +
        $"{ExportFiles} export file{(ExportFiles == 1 ? "" : "s")} and the model calls no other run uses";
}
