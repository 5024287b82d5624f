namespace AutoIF.Core.Export;

/// <summary>What a format name means: its kind, the containers it may be written in, and the one used when none is asked for.</summary>
public sealed record ExportFormatSpec(string Name, ExportKind Kind, IReadOnlyList<ExportContainer> Containers, ExportContainer DefaultContainer, string Description);
