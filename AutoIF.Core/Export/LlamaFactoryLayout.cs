namespace AutoIF.Core.Export;

/// <summary>The two row layouts LLaMA-Factory reads (its <c>formatting</c> field); the CLI spells them <c>alpaca</c> and <c>sharegpt</c>.</summary>
public enum LlamaFactoryLayout
{
    Alpaca = 0,
    ShareGpt = 1,
}
