using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Llm;

/// <summary>
/// Validates the nested role settings (DataAnnotations does not recurse) and the cross-field rules, with
/// every message naming the configuration key, e.g. <c>Llm:Supervision:BaseUrl</c>.
/// </summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Messages, each starting with the key it concerns; empty when the options are usable.</summary>
    public static IReadOnlyList<string> Errors(LlmOptions options)
    {
        var errors = new List<string>();
        if (options.Mode is { } mode && !Enum.IsDefined(mode))
        {
            errors.Add($"Llm:Mode: '{mode}' is not one of Demo, Endpoint, Replay.");
        }
        Annotations(options.Supervision, "Llm:Supervision:", errors);
        Annotations(options.Policy, "Llm:Policy:", errors);
        for (var i = 0; i < options.Supervision.Endpoints.Count; i++)
        {
            Annotations(options.Supervision.Endpoints[i], $"Llm:Supervision:Endpoints:{i}:", errors);
        }
        for (var i = 0; i < options.Policy.Endpoints.Count; i++)
        {
            Annotations(options.Policy.Endpoints[i], $"Llm:Policy:Endpoints:{i}:", errors);
        }
        Annotations(options.Resilience, "Llm:Resilience:", errors);

        var mode2 = options.EffectiveMode;
        if (mode2 == LlmMode.Endpoint && !options.Supervision.HasEndpoint)
        {
            errors.Add("Llm:Supervision:BaseUrl is required when Llm:Mode is Endpoint (or leave Llm:Mode unset to use the offline demo model).");
        }
        if (mode2 != LlmMode.Demo)
        {
            Endpoint(options.Supervision, "Llm:Supervision:", errors, mode2);
            if (options.Policy.HasEndpoint)
            {
                Endpoint(options.Policy, "Llm:Policy:", errors, mode2);
            }
        }
        if (options.Resilience.BaseDelayMilliseconds > options.Resilience.MaxDelayMilliseconds)
        {
            errors.Add("Llm:Resilience:BaseDelayMilliseconds must not exceed Llm:Resilience:MaxDelayMilliseconds.");
        }
        return errors;
    }

    private static void Endpoint(ModelEndpointOptions endpoint, string prefix, List<string> errors, LlmMode mode)
    {
        var servers = endpoint.Servers();
        for (var i = 0; i < servers.Count; i++)
        {
            var server = servers[i];
            var at = endpoint.Endpoints.Count == 0 ? prefix : $"{prefix}Endpoints:{i}:";
            if (string.IsNullOrWhiteSpace(server.Model))
            {
                errors.Add($"{at}Model is required in {mode} mode (the model name is part of every cache key).");
            }
            if (endpoint.HasEndpoint &&
                (!Uri.TryCreate(server.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                errors.Add($"{at}BaseUrl '{server.BaseUrl}' is not an absolute http(s) URL, e.g. http://localhost:8000/v1.");
            }
        }
        if (servers.Select(s => s.Model).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            // One role, one model: the cache key names the model, so an answer must not depend on the server that gave it.
            errors.Add($"{prefix}Endpoints name different models ({string.Join(", ", servers.Select(s => s.Model).Distinct(StringComparer.Ordinal))}); the servers of a role must serve the same model.");
        }
    }

    private static void Annotations(object instance, string prefix, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => $"{prefix}{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
