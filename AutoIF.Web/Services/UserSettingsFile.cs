using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIF.Core.Llm;

namespace AutoIF.Web.Services;

/// <summary>
/// Settings changed on the Settings page live in <c>settings.json</c> in the data folder, a configuration source
/// loaded after appsettings.json (and before environment variables and the command line, which still win), reloaded on
/// change. API keys are never written here: they come from environment variables or user secrets.
/// </summary>
public sealed class UserSettingsFile(string path)
{
    public const string FileName = "settings.json";

    public string Path { get; } = path;

    public static string For(IConfiguration configuration)
    {
        var folder = configuration["Storage:DataFolder"] ?? "data";
        return System.IO.Path.Combine(System.IO.Path.GetFullPath(folder, AppContext.BaseDirectory), FileName);
    }

    /// <summary>Writes the model settings of both roles and the mode, keeping anything else already in the file.</summary>
    public async Task SaveLlmAsync(LlmMode mode, ModelEndpointOptions supervision, ModelEndpointOptions policy, CancellationToken cancellationToken = default)
    {
        var root = File.Exists(Path) ? JsonNode.Parse(await File.ReadAllTextAsync(Path, cancellationToken)) as JsonObject ?? [] : [];
        root["Llm"] = new JsonObject
        {
            ["Mode"] = mode.ToString(),
            ["Supervision"] = Endpoint(supervision),
            ["Policy"] = Endpoint(policy),
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        await File.WriteAllTextAsync(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        File.Move(temp, Path, overwrite: true);
    }

    private static JsonObject Endpoint(ModelEndpointOptions options) => new()
    {
        ["BaseUrl"] = options.BaseUrl,
        ["Model"] = options.Model,
        ["MaxConcurrency"] = options.MaxConcurrency,
        ["RequestsPerMinute"] = options.RequestsPerMinute,
        ["Temperature"] = options.Temperature,
        ["TopP"] = options.TopP,
        ["MaxTokens"] = options.MaxTokens,
        ["TimeoutSeconds"] = options.TimeoutSeconds,
    };
}
