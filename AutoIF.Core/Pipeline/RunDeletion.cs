namespace AutoIF.Core.Pipeline;

/// <summary>What a delete removed; <see cref="CallsKept"/> are cached model calls the run made that another run's items still point to.</summary>
public sealed record RunDeletion(string Name, long Instructions, long Responses, long CallsDeleted, long CallsKept, int ExportFiles)
{
    public string Describe() =>
        $"deleted run '{Name}': {Instructions} instructions, {Responses} responses, {CallsDeleted} cached model calls " +
        $"({CallsKept} kept for other runs), {ExportFiles} export file{(ExportFiles == 1 ? "" : "s")}";
}
