using System.Text.Json;

namespace AutoIF.Core.Import;

/// <summary>
/// Reads the fields of one reference-file record and turns every shape problem into an <see cref="ImportException"/>
/// that names the file, the line and the field, because a researcher fixes such files by hand.
/// </summary>
internal sealed class ReferenceFields(string fileName, int line, JsonElement root)
{
    public int Line => line;

    public ImportException Error(string reason) => new(fileName, line, reason);

    public string RequireString(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error($"\"{name}\" must be a non-empty string, found {Describe(value)}");
        }
        return value.GetString()!.Trim();
    }

    public string? OptionalString(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error($"\"{name}\" must be a string, found {Describe(value)}");
        }
        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    public JsonElement RequireList(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"\"{name}\" must be a list, found {Describe(value)}");
        }
        return value;
    }

    public IReadOnlyList<string> RequireStringList(string name)
    {
        var list = new List<string>();
        var index = 0;
        foreach (var item in RequireList(name).EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Error($"\"{name}\"[{index}] must be a string, found {Describe(item)}");
            }
            list.Add(item.GetString()!);
            index++;
        }
        return list;
    }

    /// <summary>
    /// Functions as the scripts wrote them: code strings (before cross-validation) or <c>[code, accuracy]</c> pairs (after).
    /// </summary>
    public IReadOnlyList<(string Source, double? Accuracy)> Functions(string name)
    {
        var list = new List<(string, double?)>();
        var index = 0;
        foreach (var item in RequireList(name).EnumerateArray())
        {
            string? code = null;
            double? accuracy = null;
            if (item.ValueKind == JsonValueKind.String)
            {
                code = item.GetString();
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() is 1 or 2 && item[0].ValueKind == JsonValueKind.String)
            {
                code = item[0].GetString();
                if (item.GetArrayLength() == 2)
                {
                    if (item[1].ValueKind != JsonValueKind.Number || !item[1].TryGetDouble(out var value) || value is < 0 or > 1)
                    {
                        throw Error($"\"{name}\"[{index}] accuracy must be a number from 0 to 1, found {Describe(item[1])}");
                    }
                    accuracy = value;
                }
            }
            else
            {
                throw Error($"\"{name}\"[{index}] must be a code string or [code, accuracy], found {Describe(item)}");
            }
            if (string.IsNullOrWhiteSpace(code))
            {
                throw Error($"\"{name}\"[{index}] has empty code");
            }
            list.Add((NormalizeSource(code), accuracy));
            index++;
        }
        return list;
    }

    /// <summary>Test cases as <c>[input, bool]</c> pairs or <c>{input, output}</c> objects; the bool may be written "True", "false", 1 or 0.</summary>
    public IReadOnlyList<(string Input, bool Expected)> Cases(string name)
    {
        var list = new List<(string, bool)>();
        var index = 0;
        foreach (var item in RequireList(name).EnumerateArray())
        {
            JsonElement? input = null, output = null;
            if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2)
            {
                input = item[0];
                output = item[1];
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                input = item.TryGetProperty("input", out var i) ? i : null;
                output = item.TryGetProperty("output", out var o) ? o : null;
            }
            if (input is not { ValueKind: JsonValueKind.String } text || output is null || ToBool(output.Value) is not { } expected)
            {
                throw Error($"\"{name}\"[{index}] must be [input, bool] or {{\"input\": text, \"output\": bool}}");
            }
            list.Add((text.GetString()!, expected));
            index++;
        }
        return list;
    }

    public bool Has(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The same convention as the verifier parser (LF line ends, one trailing newline), so one function has one hash whichever file it came from.</summary>
    public static string NormalizeSource(string source) =>
        source.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n', ' ') + "\n";

    private static bool? ToBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
        JsonValueKind.String => value.GetString()!.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        },
        _ => null,
    };

    private JsonElement Require(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Error($"\"{name}\" is missing");

    private static string Describe(JsonElement value) => JsonLinesReader.Describe(value.ValueKind);
}
