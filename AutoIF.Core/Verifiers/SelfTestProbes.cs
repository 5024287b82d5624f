using System.Text;

namespace AutoIF.Core.Verifiers;

/// <summary>
/// The fixed, diverse texts every function runs on during cross-validation (§11.5). A real constraint rejects at least one:
/// "fewer than 40 words" the long text, "no digits" the digits, "in English" the other script, "valid JSON" nearly all but one.
/// </summary>
public static class SelfTestProbes
{
    public static IReadOnlyList<SelfTestProbe> All { get; } =
    [
        new("empty text", ""),
        new("whitespace only", "   \n\t  \n"),
        new("one word", "Hello"),
        new("a very long text", LongText()),
        new("all capitals", "THIS ANSWER IS WRITTEN ENTIRELY IN CAPITAL LETTERS, WITH NO LOWERCASE AT ALL."),
        new("all lowercase", "this answer is written entirely in lowercase letters, with no capitals at all."),
        new("digits only", "3141592653 2718281828 1234567890"),
        new("a JSON document", "{\"answer\": \"yes\", \"items\": [1, 2, 3], \"nested\": {\"ok\": true, \"note\": null}}"),
        new("a bulleted list", "* First point about the topic\n* Second point, a little longer than the first\n* Third and final point"),
        new("text in another script", "Это короткий ответ, написанный кириллицей. 这是用中文写的一句话。"),
    ];

    // About 2,000 words of varied prose in several paragraphs: long enough for any length limit, with punctuation, a
    // question, numbers and words of every initial, so a check of shape or content rejects it.
    private static string LongText()
    {
        string[] sentences =
        [
            "The harbour was quiet at dawn, and the fishing boats rocked gently against the old stone pier.",
            "Why would anyone leave before the tide turned?",
            "Seventeen gulls circled above the market, where merchants unpacked crates of apples, bread and cheese.",
            "A young engineer named Xavier measured the wind with a brass instrument his grandmother had given him in 1987.",
            "Quietly, the lighthouse keeper wrote in his journal: visibility good, sea calm, no ships expected until noon.",
            "Under the bridge, children played with kites shaped like dragons, owls and zeppelins.",
        ];
        var text = new StringBuilder();
        for (var paragraph = 0; paragraph < 20; paragraph++)
        {
            for (var s = 0; s < 6; s++)
            {
                text.Append(sentences[(paragraph + s) % sentences.Length]).Append(' ');
            }
            text.Length--;
            text.Append("\n\n");
        }
        return text.ToString().TrimEnd();
    }
}
