using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace AutoIF.Core.Llm;

/// <summary>
/// The official OpenAI client pointed at the configured base URL, over an <see cref="IHttpClientFactory"/> client
/// whose handler chain carries the retries, breaker and attempt timeout. The client's own retry policy is switched
/// off so there is exactly one retry loop.
/// </summary>
public sealed class OpenAiChatClientProvider(IHttpClientFactory httpClientFactory) : ILlmChatClientProvider
{
    // Local servers ignore the key but the client requires one.
    private const string PlaceholderKey = "no-key";

    public IChatClient Create(ModelEndpointOptions endpoint, string httpClientName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var httpClient = httpClientFactory.CreateClient(httpClientName);
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUrl ?? throw new InvalidOperationException("No base URL configured.")),
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The resilience pipeline bounds each attempt; this only stops a call that outlives every retry.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var chatClient = new ChatClient(endpoint.Model ?? "", new ApiKeyCredential(endpoint.HasApiKey ? endpoint.ApiKey! : PlaceholderKey), options);
        return chatClient.AsIChatClient();
    }
}
