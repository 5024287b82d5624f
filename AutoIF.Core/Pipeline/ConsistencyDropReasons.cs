namespace AutoIF.Core.Pipeline;

/// <summary>
/// Why an instruction leaves at back-translation or consistency. An instruction is never kept unchecked: one the model
/// gave nothing readable for is dropped and counted, as the published scripts drop an instruction whose
/// back-translation they cannot read. Each reason is its own group in the run's funnel ("consistent").
/// </summary>
public static class ConsistencyDropReasons
{
    /// <summary>Back-translate: every back-translation answer for the instruction was unreadable (or failed for good).</summary>
    public const string NoReadableBackTranslation = "no back-translation could be read from the model's answers";

    /// <summary>Consistency: the instruction reached the check with no back-translation at all (e.g. an imported line with an empty list).</summary>
    public const string NoBackTranslation = "no back-translation to check it against";

    /// <summary>Consistency: a back-translation contradicts the instruction.</summary>
    public static string Contradiction(string backTranslation) => $"a back-translation contradicts it: \"{Shorten(backTranslation)}\"";

    /// <summary>Consistency: the model's answer for a back-translation named no entailment / neutral / contradiction label.</summary>
    public static string UnreadableLabel(string backTranslation) => $"the consistency check gave no readable label for \"{Shorten(backTranslation)}\"";

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
