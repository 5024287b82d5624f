namespace AutoIF.Core.Verifiers;

/// <summary>One fixed probe text of the self-test, with the name its evidence shows.</summary>
public sealed record SelfTestProbe(string Name, string Text);
