namespace AutoIF.Core.Export;

/// <summary>The file layout rows are written in; the CLI spells these <c>jsonl</c>, <c>json</c> and <c>parquet</c>.</summary>
public enum ExportContainer
{
    /// <summary>One JSON object per line.</summary>
    Jsonl = 0,

    /// <summary>One JSON array of objects, the layout LLaMA-Factory's examples use.</summary>
    Json = 1,

    /// <summary>Apache Parquet, one column per field, as Hugging Face datasets read it.</summary>
    Parquet = 2,
}
