namespace AutoIF.Core.Llm;

/// <summary>Removes API keys from text that leaves the gateway (errors, logs), in case an endpoint echoes them.</summary>
public static class LlmSecretRedactor
{
    public static string Redact(string text, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string?[] secrets = [options.Supervision.ApiKey, options.Policy.ApiKey,
            .. options.Supervision.Endpoints.Select(e => e.ApiKey), .. options.Policy.Endpoints.Select(e => e.ApiKey)];
        return Redact(text, secrets);
    }

    public static string Redact(string text, params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            // Very short "keys" (e.g. "x" for a local server) are not secrets and would mangle every message.
            if (secret is { Length: >= 6 })
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
