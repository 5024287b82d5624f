namespace AutoIF.Core.Import;

/// <summary>A back-translated instruction; <see cref="VerifierSourceHash"/> is set when the file pairs it with one function.</summary>
internal sealed record ParsedBackTranslation(string Text, string? VerifierSourceHash);
