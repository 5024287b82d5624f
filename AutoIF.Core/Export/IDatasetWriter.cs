namespace AutoIF.Core.Export;

/// <summary>What every dataset writer says about itself, without its row type.</summary>
public interface IDatasetWriter
{
    /// <summary>The export format name (<see cref="ExportFormats"/>), e.g. <c>alpaca</c> or <c>trl-dpo</c>.</summary>
    string Format { get; }

    ExportKind Kind { get; }

    ExportContainer Container { get; }

    /// <summary>File extension with the dot, matching <see cref="Container"/>.</summary>
    string FileExtension { get; }
}
