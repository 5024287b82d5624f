namespace AutoIF.Core.Export;

/// <summary>A back-translated instruction and its NLI label against the original (<c>entailment</c>, <c>neutral</c>, <c>contradiction</c> or <c>unknown</c>).</summary>
public sealed record VerifierSetBackTranslation(string Text, string Label);
