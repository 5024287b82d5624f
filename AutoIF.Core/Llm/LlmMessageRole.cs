namespace AutoIF.Core.Llm;

public enum LlmMessageRole
{
    System = 0,
    User = 1,
    Assistant = 2,
}
