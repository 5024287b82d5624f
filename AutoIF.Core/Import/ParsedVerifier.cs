namespace AutoIF.Core.Import;

/// <summary>A function read from a reference file; <see cref="Accuracy"/> is the script's score when it wrote one.</summary>
internal sealed record ParsedVerifier(string Source, string SourceHash, int SampleIndex, double? Accuracy);
