namespace AutoIF.Tests.Llm;

/// <summary>One request the fake server received.</summary>
public sealed record FakeRequest(string Path, string LastUserMessage, string Body, string? Authorization, DateTimeOffset ReceivedAt);
