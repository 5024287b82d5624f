using Microsoft.Extensions.AI;

namespace AutoIF.Core.Llm.Demo;

/// <summary>Placeholder until the fixture lands.</summary>
public sealed class DemoChatClient : IChatClient
{
    public const string ModelName = "autoif-demo";
    public const string KindProperty = "autoif.kind";
    public const string SampleIndexProperty = "autoif.sample_index";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
