using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Llm;

/// <summary>
/// One endpoint of a role's <c>Endpoints</c> list (<c>Llm:Supervision:Endpoints:0:BaseUrl</c>, ...). What it leaves
/// out comes from the role's own settings; the key, as there, is a secret never shown or logged.
/// </summary>
public sealed class ModelEndpointEntry
{
    [Required]
    public string? BaseUrl { get; set; }

    [Range(1, 1024)]
    public int? MaxConcurrency { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    public override string ToString() =>
        $"{BaseUrl} (MaxConcurrency={MaxConcurrency?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "role's"}, Model={Model ?? "role's"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "role's" : "(set)")})";
}
