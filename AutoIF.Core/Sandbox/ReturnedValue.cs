using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoIF.Core.Sandbox;

/// <summary>
/// What a verifier returned, for the rules that compare or count the value itself as the published scripts do
/// (<c>res == expected</c>, <c>int(res)</c>) rather than its verdict. The worker hands back True/False as verdicts (a
/// returned 1 or 0 arrives as True or False, which Python's == and int() treat the same) and any other plain-JSON
/// value on the "value: " line of a NotBool detail.
/// </summary>
public static class ReturnedValue
{
    private const string ValuePrefix = "\nvalue: ";

    /// <summary>The returned value as JSON, or null when nothing usable was returned (None, an error, a timeout, a crash, a value that is not plain JSON).</summary>
    public static JsonNode? Read(VerdictKind kind, string? detail)
    {
        switch (kind)
        {
            case VerdictKind.True:
                return JsonValue.Create(true);
            case VerdictKind.False:
                return JsonValue.Create(false);
            case VerdictKind.NotBool when detail is not null:
                var start = detail.IndexOf(ValuePrefix, StringComparison.Ordinal);
                if (start < 0)
                {
                    return null;
                }
                start += ValuePrefix.Length;
                var end = detail.IndexOf('\n', start);
                try
                {
                    return JsonNode.Parse(end < 0 ? detail[start..] : detail[start..end]);
                }
                catch (JsonException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>The scripts' <c>res is not None and res == expected</c>.</summary>
    public static bool PythonEquals(JsonNode? returned, JsonNode? expected) => returned is not null && AreEqual(returned, expected);

    /// <summary>The scripts' <c>int(res)</c> for a result that is not None; null where Python's int() raises.</summary>
    public static double? PythonInt(JsonNode? returned)
    {
        if (returned is not JsonValue value)
        {
            return null;
        }
        return Number(value) is { } number ? Math.Truncate(number)
            : value.GetValueKind() == JsonValueKind.String ? ParseInt(value.GetValue<string>())
            : null;
    }

    /// <summary>Python's <c>==</c> on JSON values: bools are the numbers 1 and 0, None equals only None, containers compare item by item.</summary>
    private static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second));
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && AreEqual(p.Value, other));
            case (JsonValue x, JsonValue y):
                if (Number(x) is { } m && Number(y) is { } n)
                {
                    return m == n;
                }
                return x.GetValueKind() == JsonValueKind.String && y.GetValueKind() == JsonValueKind.String
                    && string.Equals(x.GetValue<string>(), y.GetValue<string>(), StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private static double? Number(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.Number => value.GetValue<double>(),
        _ => null,
    };

    // int("  -12 ") and int("1_000") work in Python; int("1.0") and int("True") raise.
    private static double? ParseInt(string text)
    {
        var trimmed = text.Trim();
        var digits = trimmed.TrimStart('+', '-');
        if (trimmed.Length - digits.Length > 1 || digits.Length == 0 || digits[0] == '_' || digits[^1] == '_'
            || digits.Contains("__", StringComparison.Ordinal) || !digits.All(c => char.IsAsciiDigit(c) || c == '_'))
        {
            return null;
        }
        var number = double.Parse(digits.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return trimmed[0] == '-' ? -number : number;
    }
}
