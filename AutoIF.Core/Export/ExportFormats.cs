namespace AutoIF.Core.Export;

/// <summary>The export format names, as the page, <c>export --format</c> and README spell them: scripts rely on them, so they do not change.</summary>
public static class ExportFormats
{
    public const string Alpaca = "alpaca";
    public const string ShareGpt = "sharegpt";
    public const string Messages = "messages";
    public const string TrlDpo = "trl-dpo";
    public const string OpenAiDpo = "openai-dpo";
    public const string LlamaFactoryDpo = "llamafactory-dpo";
    public const string ScoresJsonl = "jsonl";
    public const string AutoIfCrossValidation = "autoif-cross-validation";
    public const string AutoIfBackTrans = "autoif-back-trans";
    public const string Verl = "verl";
    public const string OpenRlhf = "openrlhf";
    public const string TrlPrompts = "trl";
    public const string OpenInstruct = "open-instruct";

    /// <summary>LLaMA-Factory sharegpt role values.</summary>
    internal const string Human = "human";
    internal const string Gpt = "gpt";

    /// <summary>OpenAI / TRL chat role values.</summary>
    internal const string System = "system";
    internal const string User = "user";
    internal const string Assistant = "assistant";
}
