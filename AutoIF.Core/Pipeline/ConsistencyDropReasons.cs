using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Why an instruction leaves at back-translation or consistency. An instruction is never kept unchecked: one the model
/// gave nothing readable for is dropped and counted, as the published scripts drop an instruction whose
/// back-translation they cannot read. Each reason is its own code in <see cref="DropReasons"/>, so its own group in the
/// run's funnel ("consistent"); this class only shortens the quoted back-translation and names the texts.
/// </summary>
public static class ConsistencyDropReasons
{
    /// <summary>Back-translate: every back-translation answer for the instruction was unreadable (or failed for good).</summary>
    public static string NoReadableBackTranslation => DropReasons.NoReadableBackTranslation.With().Text;

    /// <summary>Consistency: the instruction reached the check with no back-translation at all (e.g. an imported line with an empty list).</summary>
    public static string NoBackTranslation => DropReasons.NoBackTranslation.With().Text;

    /// <summary>Consistency: a back-translation contradicts the instruction.</summary>
    public static CodedDropReason Contradiction(string backTranslation) => DropReasons.Contradiction.With(Shorten(backTranslation));

    /// <summary>Consistency: the model's answer for a back-translation named no entailment / neutral / contradiction label.</summary>
    public static CodedDropReason UnreadableLabel(string backTranslation) => DropReasons.UnreadableLabel.With(Shorten(backTranslation));

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
