using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Llm;

/// <summary>
/// Settings of one model role (<c>Llm:Supervision:*</c> or <c>Llm:Policy:*</c>). The API key comes from
/// configuration (environment variable <c>Llm__Supervision__ApiKey</c> or user secrets) and is never part of
/// <see cref="ToString"/>, logs, exceptions or call records.
/// </summary>
public sealed class ModelEndpointOptions
{
    /// <summary>OpenAI-compatible base URL including the version path, e.g. <c>http://localhost:8000/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    /// <summary>Secret. Local servers (vLLM, Ollama, llama.cpp) usually accept any value or none.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>0 means no rate limit.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; }

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.7;

    [Range(0.0, 1.0)]
    public double TopP { get; set; } = 1.0;

    [Range(1, 1_000_000)]
    public int MaxTokens { get; set; } = 2048;

    /// <summary>Per attempt; a hung request is abandoned after this and retried.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Several servers of one role (e.g. vLLM replicas): each call goes to the least busy one that is not resting after
    /// repeated failures. When set, <see cref="BaseUrl"/> is not used; each entry takes the role's settings as defaults.
    /// </summary>
    public List<ModelEndpointEntry> Endpoints { get; set; } = [];

    public bool HasEndpoint => !string.IsNullOrWhiteSpace(BaseUrl) || Endpoints.Count > 0;

    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);

    public ModelEndpointOptions Clone()
    {
        var clone = (ModelEndpointOptions)MemberwiseClone();
        clone.Endpoints = [.. Endpoints];
        return clone;
    }

    /// <summary>The servers calls of this role go to, each with its settings in full: the entries, or the role itself.</summary>
    public IReadOnlyList<ModelEndpointOptions> Servers()
    {
        if (Endpoints.Count == 0)
        {
            return [this];
        }
        return [.. Endpoints.Select(entry =>
        {
            var server = (ModelEndpointOptions)MemberwiseClone();
            server.Endpoints = [];
            server.BaseUrl = entry.BaseUrl;
            server.MaxConcurrency = entry.MaxConcurrency ?? MaxConcurrency;
            server.ApiKey = string.IsNullOrEmpty(entry.ApiKey) ? ApiKey : entry.ApiKey;
            server.Model = string.IsNullOrWhiteSpace(entry.Model) ? Model : entry.Model;
            return server;
        })];
    }

    /// <summary>Calls of this role that may be in flight at once, over all its servers.</summary>
    public int TotalConcurrency => Endpoints.Count == 0 ? MaxConcurrency : Servers().Sum(s => s.MaxConcurrency);

    /// <summary>Everything except the key, so options can be logged safely.</summary>
    public override string ToString() =>
        (Endpoints.Count == 0 ? $"BaseUrl={BaseUrl}" : $"Endpoints=[{string.Join("; ", Endpoints)}]") + $", Model={Model}, ApiKey={(HasApiKey ? "(set)" : "(none)")}, MaxConcurrency={MaxConcurrency}, " +
        $"RequestsPerMinute={RequestsPerMinute}, Temperature={Temperature}, TopP={TopP}, MaxTokens={MaxTokens}, TimeoutSeconds={TimeoutSeconds}";
}
