using Microsoft.Extensions.AI;

namespace AutoIF.Core.Llm;

/// <summary>Makes the <see cref="IChatClient"/> that talks to a role's endpoint.</summary>
public interface ILlmChatClientProvider
{
    /// <param name="httpClientName">Which configured HttpClient (and so which resilience pipeline) carries the calls.</param>
    IChatClient Create(ModelEndpointOptions endpoint, string httpClientName);

    IChatClient Create(ModelEndpointOptions endpoint, LlmRole role) => Create(endpoint, LlmHttpClientNames.For(role));
}
