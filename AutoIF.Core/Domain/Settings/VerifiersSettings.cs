using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record VerifiersSettings
{
    [Range(1, 100)]
    [Description("Answers (function + test cases) asked for per instruction")]
    [SettingSource("ours", "sample_data/eval_func_rft.jsonl (8 answers an instruction)")]
    public int Samples { get; set; } = 5;

    [Range(0.0, 2.0)]
    [Description("Sampling temperature of the verifier prompt")]
    [SettingSource("ours", "ours")]
    public double Temperature { get; set; } = 0.9;

    [Description("How an answer is read: tolerant (fenced or bare, repaired), or strictly as the scripts do")]
    [SettingSource("ours", "code/3_cross_validation.py")]
    public VerifierParsing Parsing { get; set; } = VerifierParsing.Tolerant;

    [Description("Kinds of verifier asked for: Python functions, or functions and yes/no questions the supervision model answers (soft constraints)")]
    [SettingSource("paper (code only)", "the scripts (code only)")]
    public VerifierKinds Kinds { get; set; } = VerifierKinds.Code;

    [Description("With questions on: an instruction no function survives keeps its validated questions (a soft constraint) instead of being dropped")]
    [SettingSource("ours", "ours (the scripts have no questions)")]
    public bool QuestionFallback { get; set; } = true;

    /// <summary>Whether this run asks for question verifiers at all.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool AsksQuestions => Kinds == VerifierKinds.CodeAndQuestion;
}
