using System.Text.Json;
using AutoIF.Core.Domain;

namespace AutoIF.Core.Export;

/// <summary>The snake_case keys of the <c>metadata</c> object and of <c>provenance.jsonl</c>, and how to write one.</summary>
public static class ProvenanceJson
{
    public const string PropertyName = "metadata";
    public const string Run = "run";
    public const string InstructionId = "instruction_id";
    public const string VerifierIds = "verifier_ids";
    public const string Accuracy = "accuracy";
    public const string JudgeScore = "judge_score";
    public const string IsDemo = "is_demo";
    public const string Round = "round";
    public const string Level = "level";
    public const string SourceId = "source_id";
    public const string RejectedAccuracy = "rejected_accuracy";
    public const string SourcePrompt = "source_prompt";
    public const string Difficulty = "difficulty";
    public const string Constraints = "constraints";

    public static string? LevelName(PairLevel? level) => level switch
    {
        null => null,
        PairLevel.Query => "query",
        PairLevel.Instruction => "instruction",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown pair level"),
    };

    /// <summary>Writes <paramref name="provenance"/> as a JSON object value (the caller writes the property name, if any).</summary>
    public static void WriteObject(Utf8JsonWriter json, Provenance provenance)
    {
        json.WriteStartObject();
        json.WriteString(Run, provenance.RunName);
        json.WriteNumber(InstructionId, provenance.InstructionId);
        json.WriteStartArray(VerifierIds);
        foreach (var id in provenance.VerifierIds)
        {
            json.WriteNumberValue(id);
        }
        json.WriteEndArray();
        WriteNullable(json, Accuracy, provenance.Accuracy);
        WriteNullable(json, JudgeScore, provenance.JudgeScore);
        json.WriteBoolean(IsDemo, provenance.IsDemo);
        json.WriteNumber(Round, provenance.Round);
        if (LevelName(provenance.Level) is { } level)
        {
            json.WriteString(Level, level);
        }
        else
        {
            json.WriteNull(Level);
        }
        json.WriteNumber(SourceId, provenance.SourceId);
        if (provenance.RejectedAccuracy is { } rejected)
        {
            json.WriteNumber(RejectedAccuracy, rejected);
        }
        if (provenance.SourcePrompt is { } source)
        {
            json.WriteString(SourcePrompt, source);
        }
        // Only for prompts with several constraints, so a single-constraint row is what it always was.
        if (provenance.Difficulty is { } difficulty)
        {
            json.WriteNumber(Difficulty, difficulty);
        }
        if (provenance.Constraints is { } constraints)
        {
            json.WriteStartArray(Constraints);
            foreach (var c in constraints)
            {
                json.WriteStartObject();
                json.WriteNumber(InstructionId, c.InstructionId);
                json.WriteNumber("chosen_accuracy", c.ChosenAccuracy);
                json.WriteBoolean("chosen_passed", c.ChosenPassed);
                json.WriteNumber(RejectedAccuracy, c.RejectedAccuracy);
                json.WriteBoolean("rejected_passed", c.RejectedPassed);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
