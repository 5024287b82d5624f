namespace AutoIF.Core.Llm;

/// <summary>What a prompt asks for; each kind has its own parser and demo answers, and a template except <see cref="Response"/> and <see cref="Custom"/>.</summary>
public enum PromptKind
{
    Augment = 0,
    Verifier = 1,
    BackTranslation = 2,
    Nli = 3,
    /// <summary>A composed prompt (query and instruction, <c>PromptComposer</c>), sent as it is; no template.</summary>
    Response = 4,
    Judge = 5,
    /// <summary>A free-form prompt (connection test, playground); no template.</summary>
    Custom = 6,
    /// <summary>Several functions of one instruction back-translated in one prompt, answered as a JSON list (the scripts' way).</summary>
    BackTranslationList = 7,
    /// <summary>Can one response follow both of two instructions? Answered yes/no (decision 025).</summary>
    Compatibility = 8,
    /// <summary>One to three yes/no questions that check an instruction, with test cases (decision 034).</summary>
    Questions = 9,
    /// <summary>A question verifier's yes/no about one text, at temperature 0 (decision 034).</summary>
    QuestionVerdict = 10,
}
