using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoIF.Core.Domain;

/// <summary>
/// A test case's expected output: a boolean (<see cref="TestCase.Expected"/>), or under strict parsing the value exactly
/// as the answer wrote it (<see cref="TestCase.ExpectedJson"/>: <c>true</c>, <c>"True"</c>, <c>1</c> ...), which the
/// scripts' case rule compares by Python's <c>==</c>. Cases are told apart by <see cref="Key"/>.
/// </summary>
public static class ExpectedOutput
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What makes two cases with the same input the same case: the value as written when kept, else the boolean.</summary>
    public static string Key(bool expected, string? json) => json ?? (expected ? "true" : "false");

    public static JsonNode? Value(bool expected, string? json) => json is null ? JsonValue.Create(expected) : JsonNode.Parse(json);

    /// <summary>One text per JSON value (escapes and spacing normalised, key order kept, as Python's json.dumps keeps it).</summary>
    public static string Canonical(JsonElement element) => JsonNode.Parse(element.GetRawText())?.ToJsonString(Compact) ?? "null";

    /// <summary>How the case reads in pages and drop reasons: True / False, or the value as written.</summary>
    public static string Display(bool expected, string? json) => json ?? (expected ? "True" : "False");
}
