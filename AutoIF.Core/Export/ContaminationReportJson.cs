using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutoIF.Core.Export;

/// <summary><c>contamination.json</c> in a bundle: the whole report, every matching instruction included, snake_case as the other bundle files.</summary>
public static class ContaminationReportJson
{
    public const string FileName = "contamination.json";

    public static async Task WriteAsync(Stream output, ContaminationReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("benchmark", report.Benchmark);
        json.WriteNumber("benchmark_prompts", report.BenchmarkPrompts);
        json.WriteNumber("benchmark_instructions", report.BenchmarkInstructions);
        json.WriteNumber("rows_checked", report.RowsChecked);
        json.WriteNumber("rows_dropped", report.RowsDropped);
        json.WriteStartObject("prompts");
        json.WriteNumber("ngram_size", ContaminationChecker.NGramSize);
        json.WriteNumber("rows_with_overlap", report.RowsWithOverlap);
        json.WriteStartArray("worst_matches");
        foreach (var match in report.WorstMatches)
        {
            json.WriteStartObject();
            json.WriteNumber("source_id", match.SourceId);
            json.WriteString("prompt", match.Prompt);
            json.WriteNumber("shared_ngrams", match.SharedNGrams);
            json.WriteNumber("prompt_ngrams", match.PromptNGrams);
            json.WriteNumber("overlap", match.Overlap);
            json.WriteNumber("benchmark_line", match.BenchmarkLine);
            json.WriteString("benchmark_prompt", match.BenchmarkPrompt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("instructions");
        json.WriteNumber("ngram_size", BenchmarkInstructionIndex.NGramSize);
        json.WriteNumber("checked", report.InstructionsChecked);
        json.WriteNumber("rows_with_match", report.RowsWithInstructionMatch);
        json.WriteStartArray("matches");
        foreach (var match in report.InstructionMatches)
        {
            json.WriteStartObject();
            json.WriteNumber("instruction_id", match.InstructionId);
            json.WriteString("instruction", match.Instruction);
            json.WriteString("test", match.TestName);
            json.WriteNumber("shared_ngrams", match.SharedNGrams);
            json.WriteNumber("benchmark_line", match.BenchmarkLine);
            json.WriteString("benchmark_text", match.BenchmarkText);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
