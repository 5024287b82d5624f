namespace AutoIF.Core.Llm;

/// <summary>Names of the HttpClients the gateway uses; each role has its own resilience pipeline and breaker.</summary>
public static class LlmHttpClientNames
{
    public const string Supervision = "AutoIF.Llm.Supervision";
    public const string Policy = "AutoIF.Llm.Policy";

    /// <summary>No retries and no breaker: a connection test reports what the endpoint does right now.</summary>
    public const string ConnectionTest = "AutoIF.Llm.ConnectionTest";

    public static string For(LlmRole role) => role == LlmRole.Policy ? Policy : Supervision;
}
