namespace AutoIF.Core.Llm.Demo;

public sealed record DemoCase(string Input, bool Output);
