namespace AutoIF.Core.Llm;

/// <summary>What a prompt asks for; each kind has its own template, parser and demo answers.</summary>
public enum PromptKind
{
    Augment = 0,
    Verifier = 1,
    BackTranslation = 2,
    Nli = 3,
    Response = 4,
    Judge = 5,
    /// <summary>A free-form prompt (connection test, playground); no template.</summary>
    Custom = 6,
}
