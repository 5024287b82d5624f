namespace AutoIF.Tests.Llm;

public enum FakeReplyKind
{
    Answer = 0,
    Error = 1,
    Hang = 2,
    MalformedJson = 3,
    Drop = 4,
}
