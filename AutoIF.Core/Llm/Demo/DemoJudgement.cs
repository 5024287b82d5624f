namespace AutoIF.Core.Llm.Demo;

public sealed record DemoJudgement(string Analysis, int Score);
