namespace AutoIF.Core.Export;

/// <summary>How a writer lays out rows. Defaults keep a trainer's file in the consumer's exact shape.</summary>
public sealed record ExportWriterOptions
{
    public ExportContainer Container { get; init; } = ExportContainer.Jsonl;

    /// <summary>Add a <c>metadata</c> object (run, instruction id, verifier ids, accuracy, judge score, demo flag, round, level) to each row.</summary>
    public bool IncludeMetadata { get; init; }

    /// <summary><c>trl-dpo</c> only: write prompt/chosen/rejected as message lists instead of plain strings.</summary>
    public bool Conversational { get; init; }

    /// <summary><c>llamafactory-dpo</c> only: alpaca (instruction/chosen/rejected strings) or sharegpt (conversations + message objects).</summary>
    public LlamaFactoryLayout Layout { get; init; } = LlamaFactoryLayout.Alpaca;

    /// <summary>JSON containers hand bytes to the output stream after this many rows (or <see cref="PageBytes"/>), whichever comes first.</summary>
    public int PageRows { get; init; } = 1_000;

    /// <summary>JSON containers hand bytes to the output stream once the page buffer holds this many bytes.</summary>
    public int PageBytes { get; init; } = 1 << 20;

    /// <summary>Parquet row groups hold at most this many rows, which bounds the memory a Parquet export needs.</summary>
    public int RowGroupRows { get; init; } = 2_000;
}
