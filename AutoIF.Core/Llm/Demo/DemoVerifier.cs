namespace AutoIF.Core.Llm.Demo;

public sealed record DemoVerifier(string Func, IReadOnlyList<DemoCase> Cases);
