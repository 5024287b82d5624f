using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace AutoIF.Web.Apis.Reward;

/// <summary>Reads a reward request's JSON body under Reward:MaxBodyBytes, and its fields with errors that name them.</summary>
public static class RewardRequestBody
{
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new RewardRequestException("the body must be a JSON object");
            }
            return document;
        }
        catch (JsonException ex)
        {
            throw new RewardRequestException($"the body is not valid JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
    }

    /// <summary>A field that must be a list of strings; an error names the item (e.g. <c>labels[3]: not a string</c>).</summary>
    public static List<string> Strings(JsonElement parent, string name)
    {
        var list = List(parent, name);
        var values = new List<string>(list.GetArrayLength());
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            values.Add(element.ValueKind == JsonValueKind.String
                ? element.GetString()!
                : throw new RewardRequestException($"{name}[{index}]: not a string ({Describe(element)})"));
            index++;
        }
        return values;
    }

    /// <summary>A field that must be a list; <paramref name="path"/> names the object holding it in errors, none for the body.</summary>
    public static JsonElement List(JsonElement parent, string name, string? path = null) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list
            : throw new RewardRequestException($"{(path is null ? "" : path + ".")}{name}: missing or not a list");

    /// <summary>A string field of an object; <paramref name="path"/> names the object in errors.</summary>
    public static string RequiredString(JsonElement parent, string path, string name) =>
        parent.ValueKind != JsonValueKind.Object
            ? throw new RewardRequestException($"{path}: not an object")
            : !parent.TryGetProperty(name, out var value) ? throw new RewardRequestException($"{path}.{name}: missing")
            : value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw new RewardRequestException($"{path}.{name}: not a string ({Describe(value)})");

    /// <summary>An optional string field; null when absent or null. <paramref name="path"/> names the object in errors, empty for the body.</summary>
    public static string? OptionalString(JsonElement parent, string path, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new RewardRequestException($"{(path.Length > 0 ? path + "." : "")}{name}: not a string ({Describe(value)})");

    public static void CheckCount(string name, int count, int maxItems)
    {
        if (count > maxItems)
        {
            throw new RewardRequestException($"{name}: {count} rollouts, at most {maxItems} per request (Reward:MaxItems)");
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static RewardRequestException TooLarge(long maxBytes) =>
        new($"the body is larger than {maxBytes} bytes (Reward:MaxBodyBytes)", StatusCodes.Status413PayloadTooLarge);
}
