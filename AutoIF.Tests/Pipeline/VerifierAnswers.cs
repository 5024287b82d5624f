using System.Text.Json;

namespace AutoIF.Tests.Pipeline;

/// <summary>Model answers in the shape the verifier prompt asks for: one fenced JSON object {func, cases}.</summary>
internal static class VerifierAnswers
{
    public static string Json(string func, params (string Input, bool Output)[] cases) =>
        "```json\n" + JsonSerializer.Serialize(new { func, cases = cases.Select(c => new { input = c.Input, output = c.Output }) }) + "\n```";
}
