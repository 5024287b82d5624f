namespace AutoIF.Core.Export;

/// <summary>What the streaming operators (dedup, per-instruction cap, split, contamination) need from any row kind.</summary>
public interface IExportRow
{
    /// <summary>The prompt as the trainer sees it.</summary>
    string Prompt { get; }

    int InstructionId { get; }

    /// <summary>Identity of the row in the database (response or pair id).</summary>
    long SourceId { get; }

    /// <summary>Where the row came from; null for rows that carry their origin in their own fields (scores).</summary>
    Provenance? Provenance { get; }
}
