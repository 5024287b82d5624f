namespace AutoIF.Core.Import;

/// <summary>What an import stored. Counts are new rows; rows already in the run are counted in <see cref="Skipped"/>.</summary>
public sealed record ImportResult(
    string Format,
    string File,
    int RunId,
    string RunName,
    int Instructions,
    int Verifiers,
    int TestCases,
    int BackTranslations,
    int Prompts,
    int Responses,
    int Queries,
    int DroppedQueries,
    int Skipped,
    IReadOnlyList<string> Warnings)
{
    /// <summary>One line for the CLI and the upload snackbar.</summary>
    public string Summary =>
        $"{File} into run '{RunName}': {Instructions} instructions, {Verifiers} verifiers, {TestCases} test cases, " +
        $"{BackTranslations} back-translations, {Prompts} prompts, {Responses} responses, {Queries} queries " +
        $"({DroppedQueries} dropped by length), {Skipped} already present, {Warnings.Count} warnings.";
}
