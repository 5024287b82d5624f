namespace AutoIF.Tests.Llm;

/// <summary>What the fake server does with one chat request.</summary>
public sealed record FakeReply
{
    public FakeReplyKind Kind { get; init; }

    public string Text { get; init; } = "ok";

    public string FinishReason { get; init; } = "stop";

    public int Status { get; init; } = 200;

    public string? ErrorMessage { get; init; }

    /// <summary>Seconds for the <c>Retry-After</c> header.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static FakeReply Answer(string text, string finishReason = "stop") => new() { Kind = FakeReplyKind.Answer, Text = text, FinishReason = finishReason };

    public static FakeReply Error(int status, string message, int? retryAfterSeconds = null) =>
        new() { Kind = FakeReplyKind.Error, Status = status, ErrorMessage = message, RetryAfterSeconds = retryAfterSeconds };

    /// <summary>Never answers (until the client gives up).</summary>
    public static FakeReply Hang() => new() { Kind = FakeReplyKind.Hang };

    /// <summary>200 with a body that is not JSON.</summary>
    public static FakeReply MalformedJson() => new() { Kind = FakeReplyKind.MalformedJson };

    /// <summary>Closes the connection without a response.</summary>
    public static FakeReply Drop() => new() { Kind = FakeReplyKind.Drop };
}
